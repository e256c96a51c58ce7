package io.raftkv.cli;

/** A HOST:PORT setting, checked so a typo is reported with the setting's name instead of failing at bind time. */
record HostPort(String host, int port) {
    static final int PORT_MAX = 65_535;

    /** @param setting the flag or variable the text came from, for the error message */
    static HostPort parse(String text, String setting) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new SettingException(setting + ": expected HOST:PORT, was '" + text + "'");
        }
        String host = text.substring(0, colon).strip();
        String portText = text.substring(colon + 1).strip();
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException notNumber) {
            throw new SettingException(setting + ": bad port '" + portText + "' in '" + text + "'");
        }
        if (port < 1 || port > PORT_MAX) {
            throw new SettingException(setting + ": port must be 1 to " + PORT_MAX + ", was " + port + " in '"
                    + text + "'");
        }
        return new HostPort(host, port);
    }

    String address() {
        return host + ":" + port;
    }
}
