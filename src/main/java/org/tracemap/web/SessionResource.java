package org.tracemap.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/session}: the browser's sign-in. {@code POST {"token"}} checks the token and answers who it is with
 * a session cookie (HttpOnly, SameSite=Strict) and the CSRF token the page sends back on changes; {@code GET}
 * answers the same for a signed-in browser (or a bearer token; 401 otherwise); {@code DELETE} signs out.
 */
public final class SessionResource {
    private static final int MAX_BODY = 4 * 1024;

    private final Authenticator auth;
    private final ObjectMapper json;

    public SessionResource(Authenticator auth, ObjectMapper json) {
        this.auth = auth;
        this.json = json;
    }

    public ApiResponse signIn(ApiRequest request) {
        JsonNode body = JsonBody.object(request, json, MAX_BODY);
        JsonBody.onlyFields(body, Set.of("token"));
        JsonNode token = body.get("token");
        if (token == null || !token.isTextual() || token.asText().isBlank()) throw new ApiException(400, "token is required", "token");
        Authenticator.SignIn in = auth.signIn(request, token.asText());
        return answer(in);
    }

    /** Who the browser's session is; with a bearer token instead, who that token is (no CSRF token: none is needed). */
    public ApiResponse current(ApiRequest request) {
        if (request.header("authorization").isPresent()) return answer(new Authenticator.SignIn(auth.require(request), null, null));
        return answer(auth.currentSession(request));
    }

    public ApiResponse signOut(ApiRequest request) {
        String clearing = auth.signOut(request);
        return new ApiResponse(204, List.of(Map.entry("Set-Cookie", clearing), Map.entry("Cache-Control", "no-store")), null);
    }

    private static ApiResponse answer(Authenticator.SignIn in) {
        Role role = Role.parse(in.principal().role());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", in.principal().name());
        out.put("role", role.id());
        out.put("permissions", Arrays.stream(Role.Permission.values()).filter(role::may).map(p -> p.name().toLowerCase(Locale.ROOT)).toList());
        out.put("csrf", in.csrf());
        List<Map.Entry<String, String>> headers = new ArrayList<>(List.of(Map.entry("Content-Type", "application/json"), Map.entry("Cache-Control", "no-store")));
        if (in.setCookie() != null) headers.add(Map.entry("Set-Cookie", in.setCookie()));
        return new ApiResponse(200, headers, out);
    }
}
