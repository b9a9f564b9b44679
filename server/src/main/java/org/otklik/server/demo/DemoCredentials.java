package org.otklik.server.demo;

import java.util.List;

/** The shape of {@code demo-credentials.json}. */
record DemoCredentials(String url, String channelId, String channelToken, String widgetUrl, String demoSiteUrl,
                       List<Login> agents, Login admin) {

    record Login(String login, String password, List<String> skills) {
    }
}
