import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Writes the third-party notice of the release archive to standard output: every library bundled in the fat jar,
 * with its name, home page and licences as its POM declares them (or the nearest parent POM that does). Run by the
 * release build as a single-file program ({@code java ThirdPartyNotices.java DEPENDENCY_LIST LOCAL_REPOSITORY}) on
 * the output of {@code dependency:list} for the runtime scope; the POMs are read from the local Maven repository,
 * which the build has just resolved them into. Single-threaded; fails on a dependency whose POM is missing.
 */
final class ThirdPartyNotices {

    record Coordinates(String groupId, String artifactId, String version) {
        Path pom(Path repository) {
            return repository.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version)
                    .resolve(artifactId + "-" + version + ".pom");
        }

        @Override
        public String toString() {
            return groupId + ":" + artifactId + ":" + version;
        }
    }

    record Licence(String name, String url) {}

    public static void main(String[] args) throws Exception {
        List<Coordinates> bundled = readList(Path.of(args[0]));
        Path repository = Path.of(args[1]);
        StringBuilder out = new StringBuilder("""
                Third-party software bundled in Junction's release archive
                ==========================================================

                lib/junction.jar holds the libraries below, as their POMs declare them. runtime/ is a jlinked OpenJDK
                runtime (GPL version 2 with the Classpath Exception); its own notices are in runtime/legal/.

                """);
        for (Coordinates dependency : bundled) {
            Document pom = parse(dependency.pom(repository));
            String name = text(pom.getDocumentElement(), "name").orElse(dependency.artifactId());
            out.append(dependency).append('\n').append("  ").append(name).append('\n');
            text(pom.getDocumentElement(), "url").ifPresent(url -> out.append("  ").append(url).append('\n'));
            List<Licence> licences = licences(pom, repository);
            if (licences.isEmpty()) {
                out.append("  licence: not declared in its POM\n");
            }
            for (Licence licence : licences) {
                out.append("  licence: ").append(licence.name())
                        .append(licence.url().isEmpty() ? "" : " <" + licence.url() + ">").append('\n');
            }
            out.append('\n');
        }
        System.out.print(out);
    }

    /** The lines of {@code dependency:list}: {@code group:artifact:type[:classifier]:version:scope[ -- module m]}. */
    static List<Coordinates> readList(Path file) throws IOException {
        List<Coordinates> list = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String entry = line.strip().replaceFirst(" -- .*$", "");
            String[] parts = entry.split(":");
            if (parts.length < 5 || entry.contains(" ") || parts[0].equals("dev.junction")) {
                continue;
            }
            String version = parts[parts.length - 2];
            list.add(new Coordinates(parts[0], parts[1], version));
        }
        list.sort((a, b) -> a.toString().compareTo(b.toString()));
        return list.stream().distinct().toList();
    }

    /** The licences of the POM, else of its nearest ancestor that declares any. */
    static List<Licence> licences(Document pom, Path repository) throws Exception {
        Element project = pom.getDocumentElement();
        List<Licence> licences = new ArrayList<>();
        for (Element block : children(project, "licenses")) {
            for (Element licence : children(block, "license")) {
                licences.add(new Licence(text(licence, "name").orElse("unnamed"), text(licence, "url").orElse("")));
            }
        }
        if (!licences.isEmpty()) {
            return licences;
        }
        for (Element parent : children(project, "parent")) {
            Coordinates coordinates = new Coordinates(text(parent, "groupId").orElseThrow(),
                    text(parent, "artifactId").orElseThrow(), text(parent, "version").orElseThrow());
            Path file = coordinates.pom(repository);
            if (Files.isRegularFile(file)) {
                return licences(parse(file), repository);
            }
        }
        return licences;
    }

    static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    static Optional<String> text(Element parent, String name) {
        return children(parent, name).stream().findFirst().map(e -> e.getTextContent().strip().replaceAll("\\s+", " "))
                .filter(s -> !s.isEmpty());
    }
}
