package org.otklik.server.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes the API's error body where no controller is involved (authentication and authorization failures). */
final class JsonErrors {

    private JsonErrors() {
    }

    static void write(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // messages here are fixed strings of ours, never user input, so no escaping is needed beyond quotes
        response.getWriter().write("{\"error\":\"" + message.replace("\"", "'") + "\"}");
    }
}
