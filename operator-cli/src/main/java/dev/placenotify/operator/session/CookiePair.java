package dev.placenotify.operator.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.operator.OperatorException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two Naver cookies a partner session consists of, read from what an operator copies out of a browser:
 * a Cookie header ({@code NID_AUT=...; NID_SES=...}, other cookies and a leading {@code Cookie:} allowed)
 * or a JSON object {@code {"NID_AUT": "...", "NID_SES": "..."}}. The values are credentials: never printed.
 */
public record CookiePair(String nidAut, String nidSes) {
    public CookiePair {
        if (nidAut == null || nidAut.isBlank() || nidSes == null || nidSes.isBlank()) {
            throw new OperatorException("the cookies must contain both NID_AUT and NID_SES");
        }
    }

    public static CookiePair parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new OperatorException("no cookies given: expected 'NID_AUT=...; NID_SES=...' or {\"NID_AUT\":...,\"NID_SES\":...}");
        }
        Map<String, String> values = t.startsWith("{") ? fromJson(t) : fromHeader(t);
        return new CookiePair(values.get("NID_AUT"), values.get("NID_SES"));
    }

    private static Map<String, String> fromJson(String t) {
        JsonNode node;
        try {
            node = MessageCodec.mapper().readTree(t);
        } catch (Exception e) {
            // The parser's message would quote the input, which holds credentials.
            throw new OperatorException("the cookies look like JSON but do not parse");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            if (f.getValue().isTextual()) {
                values.put(f.getKey().strip(), f.getValue().asText().strip());
            }
        }
        return values;
    }

    private static Map<String, String> fromHeader(String t) {
        String header = t.regionMatches(true, 0, "Cookie:", 0, 7) ? t.substring(7) : t;
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : header.split("[;\\n]")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.putIfAbsent(pair.substring(0, eq).strip(), unquote(pair.substring(eq + 1).strip()));
            }
        }
        return values;
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    public String cookieHeader() {
        return "NID_AUT=" + nidAut + "; NID_SES=" + nidSes;
    }

    @Override
    public String toString() {
        return "CookiePair[NID_AUT=***, NID_SES=***]";
    }
}
