package org.otklik.cli;

import org.otklik.server.OtklikServer;

/** Placeholder entry until the command line is written. */
public final class Otklik {
    public static void main(String[] args) {
        OtklikServer.main(args);
    }
}
