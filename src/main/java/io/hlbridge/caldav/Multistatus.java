package io.hlbridge.caldav;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A {@code DAV:multistatus}, parsed as a stream (StAX): only one {@code response} at a time is being built, so an
 * answer costs memory for what it holds and not for a document tree of it. Properties of every 2xx propstat of a
 * response are merged (servers split them); namespaces are matched by URI, never by prefix (iCloud uses default
 * namespaces everywhere). DTDs and external entities are refused: server XML is untrusted input.
 */
public record Multistatus(List<Response> responses, String syncToken) {
    public static final String DAV = "DAV:";
    public static final String CALDAV = "urn:ietf:params:xml:ns:caldav";
    public static final String CS = "http://calendarserver.org/ns/";

    private static final XMLInputFactory XML = newFactory();

    /** An element of a property: its name, attributes, text and children. */
    public record Node(String ns, String local, Map<String, String> attributes, String ownText, List<Node> children) {
        /** The text of the element and everything in it, stripped (DOM's text content). */
        public String text() {
            if (children.isEmpty()) {
                return ownText.strip();
            }
            StringBuilder b = new StringBuilder(ownText);
            children.forEach(c -> b.append(c.text()));
            return b.toString().strip();
        }

        public List<Node> children(String namespace, String name) {
            return children.stream().filter(c -> (namespace == null || namespace.equals(c.ns))
                    && (name == null || name.equals(c.local))).toList();
        }

        public Node first(String namespace, String name) {
            List<Node> c = children(namespace, name);
            return c.isEmpty() ? null : c.get(0);
        }

        public String attribute(String name) {
            return attributes.getOrDefault(name, "");
        }
    }

    /** One {@code DAV:response}: its href resolved against the request URL, its status, its found properties. */
    public record Response(URI href, int status, Map<String, Node> properties) {
        public Node property(String ns, String name) {
            return properties.get(ns + name);
        }

        public String text(String ns, String name) {
            Node n = property(ns, name);
            return n == null ? null : n.text();
        }
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newInstance();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    public static Multistatus parse(byte[] xml, URI requestUrl) throws CalDavException {
        try {
            XMLStreamReader r = XML.createXMLStreamReader(new ByteArrayInputStream(xml));
            try {
                return read(r, requestUrl);
            } finally {
                r.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage().replaceAll("\\s+", " ");
            throw new CalDavException(0, "unparsable XML from the CalDAV server: "
                    + (why.length() > 200 ? why.substring(0, 200) + "..." : why));
        }
    }

    private static Multistatus read(XMLStreamReader r, URI requestUrl) throws XMLStreamException, CalDavException {
        while (r.hasNext() && r.next() != XMLStreamConstants.START_ELEMENT) {
            // skip the prolog
        }
        if (!r.isStartElement() || !DAV.equals(r.getNamespaceURI()) || !"multistatus".equals(r.getLocalName())) {
            throw new CalDavException(207, "expected DAV:multistatus, got " + (r.isStartElement() ? r.getLocalName()
                    : "no element"));
        }
        List<Response> responses = new ArrayList<>();
        String syncToken = null;
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            Node child = node(r);
            if (DAV.equals(child.ns) && "response".equals(child.local)) {
                Response response = response(child, requestUrl);
                if (response != null) {
                    responses.add(response);
                }
            } else if (DAV.equals(child.ns) && "sync-token".equals(child.local)) {
                syncToken = child.text();
            }
        }
        return new Multistatus(responses, syncToken);
    }

    /** The element the reader stands on, with all it holds; the reader ends on its end tag. */
    private static Node node(XMLStreamReader r) throws XMLStreamException {
        Deque<Object[]> open = new ArrayDeque<>(); // {ns, local, attributes, text, children}
        open.push(start(r));
        while (true) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                open.push(start(r));
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE) {
                ((StringBuilder) open.peek()[3]).append(r.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                Object[] e = open.pop();
                @SuppressWarnings("unchecked")
                Node done = new Node((String) e[0], (String) e[1], (Map<String, String>) e[2], e[3].toString(),
                        (List<Node>) e[4]);
                if (open.isEmpty()) {
                    return done;
                }
                @SuppressWarnings("unchecked")
                List<Node> siblings = (List<Node>) open.peek()[4];
                siblings.add(done);
            }
        }
    }

    private static Object[] start(XMLStreamReader r) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < r.getAttributeCount(); i++) {
            attributes.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
        }
        String ns = r.getNamespaceURI() == null ? "" : r.getNamespaceURI();
        return new Object[] {ns, r.getLocalName(), attributes, new StringBuilder(), new ArrayList<Node>()};
    }

    private static Response response(Node r, URI requestUrl) {
        Node hrefNode = r.first(DAV, "href");
        if (hrefNode == null) {
            return null;
        }
        URI href;
        try {
            href = requestUrl.resolve(hrefNode.text());
        } catch (IllegalArgumentException e) {
            return null; // an href that is no URI names nothing the bridge can fetch
        }
        Map<String, Node> props = new LinkedHashMap<>();
        int status = statusOf(r.first(DAV, "status"));
        for (Node propstat : r.children(DAV, "propstat")) {
            int s = statusOf(propstat.first(DAV, "status"));
            Node prop = propstat.first(DAV, "prop");
            if (s / 100 == 2 && prop != null) {
                status = status == 0 ? s : status;
                for (Node p : prop.children) {
                    props.put(p.ns + p.local, p);
                }
            }
        }
        return new Response(href, status, props);
    }

    static int statusOf(Node status) {
        if (status == null) {
            return 0;
        }
        String[] parts = status.text().split(" ");
        try {
            return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Whether {@code href} names a member of {@code collection}: same scheme, host and port, and a path directly under
     * the collection's. A server's answer may name anything; only members count (the rest is logged and ignored).
     */
    public static boolean isMember(URI href, URI collection) {
        if (href.getScheme() != null && !href.getScheme().equalsIgnoreCase(collection.getScheme())
                || href.getHost() != null && !href.getHost().equalsIgnoreCase(collection.getHost())
                || href.getHost() != null && port(href) != port(collection)) {
            return false;
        }
        String path = href.normalize().getPath();
        String base = collection.getPath().endsWith("/") ? collection.getPath() : collection.getPath() + "/";
        if (path == null || !path.startsWith(base)) {
            return false;
        }
        String name = path.substring(base.length());
        return !name.isEmpty() && !name.contains("/") && !name.equals("..") && !href.getPath().contains("/../");
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
