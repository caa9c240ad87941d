package io.hlbridge.caldav;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A parsed {@code DAV:multistatus}. Properties of every 200 propstat of a response are merged (servers split
 * them); namespaces are matched by URI, never by prefix (iCloud uses default namespaces everywhere).
 */
public final class Multistatus {
    public static final String DAV = "DAV:";
    public static final String CALDAV = "urn:ietf:params:xml:ns:caldav";
    public static final String CS = "http://calendarserver.org/ns/";

    /** One {@code DAV:response}: its href resolved against the request URL, its status, its found properties. */
    public record Response(URI href, int status, Map<String, Element> properties) {
        public Element property(String ns, String name) {
            return properties.get(ns + name);
        }

        public String text(String ns, String name) {
            Element e = property(ns, name);
            return e == null ? null : e.getTextContent().strip();
        }
    }

    private Multistatus() {
    }

    public static List<Response> parse(byte[] xml, URI requestUrl) throws CalDavException {
        Document doc = SecureXml.parse(xml);
        Element root = doc.getDocumentElement();
        if (!DAV.equals(root.getNamespaceURI()) || !"multistatus".equals(root.getLocalName())) {
            throw new CalDavException(207, "expected DAV:multistatus, got " + root.getLocalName());
        }
        List<Response> responses = new ArrayList<>();
        for (Element r : children(root, DAV, "response")) {
            Element hrefEl = first(r, DAV, "href");
            if (hrefEl == null) {
                continue;
            }
            URI href = requestUrl.resolve(hrefEl.getTextContent().strip());
            Map<String, Element> props = new LinkedHashMap<>();
            int status = statusOf(first(r, DAV, "status"));
            for (Element propstat : children(r, DAV, "propstat")) {
                int s = statusOf(first(propstat, DAV, "status"));
                Element prop = first(propstat, DAV, "prop");
                if (s / 100 == 2 && prop != null) {
                    status = status == 0 ? s : status;
                    for (Element p : children(prop, null, null)) {
                        props.put(p.getNamespaceURI() + p.getLocalName(), p);
                    }
                }
            }
            responses.add(new Response(href, status, props));
        }
        return responses;
    }

    static int statusOf(Element status) {
        if (status == null) {
            return 0;
        }
        String[] parts = status.getTextContent().strip().split(" ");
        try {
            return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Child elements, optionally filtered by namespace and local name. */
    public static List<Element> children(Element parent, String ns, String local) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (ns == null || ns.equals(e.getNamespaceURI()))
                    && (local == null || local.equals(e.getLocalName()))) {
                out.add(e);
            }
        }
        return out;
    }

    public static Element first(Element parent, String ns, String local) {
        List<Element> c = children(parent, ns, local);
        return c.isEmpty() ? null : c.get(0);
    }
}
