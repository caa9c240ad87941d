package io.hlbridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** docs/configuration.md's table, the packaged application.properties and the catalogue name the same keys with the same defaults. */
class ConfigurationDocumentationTest {

    /** key → default as the catalogue has it ("" when unset by default). */
    private static Map<String, String> catalogue() {
        Map<String, String> m = new LinkedHashMap<>();
        BridgeOptions.ALL.forEach(o -> m.put(o.key(), o.defaultValue()));
        BridgeOptions.CONNECTION_FIELDS.forEach(f -> m.put("connections.<name>." + f.key(), f.defaultValue()));
        return m;
    }

    @Test
    void theConfigurationPageListsEveryKeyWithItsDefault() throws Exception {
        String readme = Files.readString(Path.of("docs/configuration.md"));
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^\\| `([a-z][^`]*)` \\| ([^|]*) \\|").matcher(readme);
        while (m.find()) {
            String cell = m.group(2).trim();
            documented.put(m.group(1), cell.startsWith("`") ? cell.substring(1, cell.length() - 1) : "");
        }
        assertEquals(catalogue(), documented, "docs/configuration.md: paste the output of ConfigurationDocumentation.main");
    }

    @Test
    void thePackagedPropertiesListEveryKeyWithItsDefault() throws Exception {
        Map<String, String> listed = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^#([a-z][a-z0-9.<>-]*)=(.*)$").matcher(Files.readString(
                Path.of("application.properties")));
        while (m.find()) {
            listed.put(m.group(1), m.group(2).trim());
        }
        assertEquals(catalogue(), listed, "application.properties: write the output of ConfigurationDocumentation.main"
                + " properties");
    }

    @Test
    void theSpringBootMetadataDescribesEveryKey() throws Exception {
        assertEquals(ConfigurationDocumentation.springMetadata().strip(), Files.readString(
                Path.of("src/main/resources/META-INF/spring-configuration-metadata.json")).strip(),
                "src/main/resources/META-INF/spring-configuration-metadata.json: write the output of"
                        + " ConfigurationDocumentation.main spring");
    }
}
