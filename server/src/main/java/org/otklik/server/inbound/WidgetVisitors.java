package org.otklik.server.inbound;

import org.otklik.server.shared.InvalidInput;
import org.otklik.server.shared.Secrets;

/** A web-chat visitor is known by the token their browser keeps; the contact stores only its hash. */
public final class WidgetVisitors {

    static final String TOKEN_PREFIX = "otk_vi_";

    private WidgetVisitors() {
    }

    /** The contact's external id for a visitor token; 400 naming the header when it is missing or malformed. */
    public static String contactOf(String visitorToken) {
        if (visitorToken == null || !visitorToken.startsWith(TOKEN_PREFIX) || visitorToken.length() > 100) {
            throw new InvalidInput("X-Visitor-Token", "X-Visitor-Token is missing or malformed");
        }
        return "visitor:" + Secrets.sha256(visitorToken);
    }
}
