package io.hlbridge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package graph CONTRIBUTING.md draws, checked on the compiled classes: no package cycle, and each layer uses only
 * the layers below it. Base ({@code config}, {@code runtime}) uses no other package of the bridge; adapters (HTTP,
 * store, HighLevel, CalDAV, iCalendar, and the record handing them to the flows) never a flow; flows never the operator's surfaces; nothing the hosts.
 */
class PackageLayersTest {
    static JavaClasses bridge;

    @BeforeAll
    static void importMainClasses() {
        bridge = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.hlbridge");
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.hlbridge.(*)..").should().beFreeOfCycles().check(bridge);
    }

    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("hosts").definedBy("io.hlbridge", "io.hlbridge.spring..", "io.hlbridge.karaf..")
                .layer("operations").definedBy("io.hlbridge.observe..", "io.hlbridge.admin..",
                        "io.hlbridge.connectpage..")
                .layer("flows").definedBy("io.hlbridge.nodes..", "io.hlbridge.connections..", "io.hlbridge.inbox..",
                        "io.hlbridge.appointments..", "io.hlbridge.busytime..", "io.hlbridge.webhook..",
                        "io.hlbridge.oauth..", "io.hlbridge.slotcopies..")
                .layer("adapters").definedBy("io.hlbridge.http..", "io.hlbridge.store..", "io.hlbridge.highlevel..",
                        "io.hlbridge.caldav..", "io.hlbridge.ical..", "io.hlbridge.adapters..")
                .layer("base").definedBy("io.hlbridge.config..", "io.hlbridge.runtime..")
                .whereLayer("hosts").mayNotBeAccessedByAnyLayer()
                .whereLayer("operations").mayOnlyBeAccessedByLayers("hosts")
                .whereLayer("flows").mayOnlyBeAccessedByLayers("operations", "hosts")
                .whereLayer("adapters").mayOnlyBeAccessedByLayers("flows", "operations", "hosts")
                .check(bridge);
    }

    @Test
    void configAndRuntimeAreLeaves() {
        noClasses().that().resideInAnyPackage("io.hlbridge.config..", "io.hlbridge.runtime..").should()
                .dependOnClassesThat().resideInAnyPackage("io.hlbridge", "io.hlbridge.spring..", "io.hlbridge.karaf..",
                        "io.hlbridge.observe..", "io.hlbridge.admin..", "io.hlbridge.connectpage..", "io.hlbridge.nodes..",
                        "io.hlbridge.connections..", "io.hlbridge.inbox..", "io.hlbridge.appointments..",
                        "io.hlbridge.busytime..", "io.hlbridge.webhook..", "io.hlbridge.oauth..", "io.hlbridge.slotcopies..",
                        "io.hlbridge.http..",
                        "io.hlbridge.store..", "io.hlbridge.highlevel..", "io.hlbridge.caldav..", "io.hlbridge.ical..",
                        "io.hlbridge.adapters..")
                .check(bridge);
    }
}
