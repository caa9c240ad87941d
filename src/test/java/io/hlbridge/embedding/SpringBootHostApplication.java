package io.hlbridge.embedding;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot application of an integration engineer's with camel-spring-boot, its own REST endpoint (Spring MVC)
 * and its own Camel route, which adds the bridge by having its artifact on the class path: nothing here names the
 * bridge, its configuration is in the host's application.yml.
 */
@SpringBootApplication
public class SpringBootHostApplication {

    public static void main(String[] args) {
        SpringApplication.run(SpringBootHostApplication.class, args);
    }

    @Bean
    RouteBuilder hostRoute(@Value("${host.greeting}") String greeting) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:host-greeting").routeId("host-greeting").setBody(constant(greeting));
            }
        };
    }

    @RestController
    static class HelloController {
        private final ProducerTemplate camel;

        HelloController(ProducerTemplate camel) {
            this.camel = camel;
        }

        @GetMapping("/host/hello")
        String hello() {
            return camel.requestBody("direct:host-greeting", "", String.class);
        }
    }
}
