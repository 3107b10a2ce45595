package io.github.tokenbridge.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Checks, from the project's own pom.xml, which dependencies a library consumer inherits: only
 * JNA and JNA Platform; the command line's picocli stays optional (issue 19).
 */
class PomConsumerDependenciesTest {

    private static final Set<String> CONSUMER_DEPENDENCIES =
            Set.of("net.java.dev.jna:jna", "net.java.dev.jna:jna-platform");

    @Test
    void pom_consumerScope_holdsOnlyJnaAndJnaPlatform() throws Exception {
        Set<String> inherited = new TreeSet<>();
        for (Element dependency : projectDependencies()) {
            String scope = childText(dependency, "scope", "compile");
            boolean optional = Boolean.parseBoolean(childText(dependency, "optional", "false"));
            boolean transitive = scope.equals("compile") || scope.equals("runtime");
            if (transitive && !optional) {
                inherited.add(childText(dependency, "groupId", "") + ":" + childText(dependency, "artifactId", ""));
            }
        }
        assertEquals(new TreeSet<>(CONSUMER_DEPENDENCIES), inherited,
                "dependencies a consumer of the library inherits (compile/runtime, not optional)");
    }

    @Test
    void pom_picocli_isOptionalButPresentForTheCli() throws Exception {
        Element picocli = projectDependencies().stream()
                .filter(d -> childText(d, "artifactId", "").equals("picocli"))
                .findFirst().orElseThrow(() -> new AssertionError("picocli is not a dependency: the CLI needs it"));
        assertEquals("true", childText(picocli, "optional", "false"), "picocli must be <optional>true</optional>");
        assertTrue(Set.of("compile", "runtime").contains(childText(picocli, "scope", "compile")),
                "picocli must stay on the runtime class path so package copies it to target/lib");
    }

    private static List<Element> projectDependencies() throws Exception {
        Path pom = Path.of("pom.xml");
        assertTrue(Files.isRegularFile(pom), "the test runs from the project directory: " + pom.toAbsolutePath());
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(pom.toFile());
        Element project = document.getDocumentElement();
        List<Element> result = new ArrayList<>();
        Element dependencies = child(project, "dependencies");
        if (dependencies != null) {
            NodeList nodes = dependencies.getChildNodes();
            for (int i = 0; i < nodes.getLength(); i++) {
                if (nodes.item(i) instanceof Element e && e.getTagName().equals("dependency")) {
                    result.add(e);
                }
            }
        }
        return result;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String childText(Element parent, String name, String absent) {
        Element e = child(parent, name);
        return e == null ? absent : e.getTextContent().trim();
    }
}
