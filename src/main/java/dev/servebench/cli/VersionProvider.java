package dev.servebench.cli;

import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"servebench " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
    }
}
