package dev.segfold.deployment.compose;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One entry of a service's {@code ports:}: the container port and, when fixed, the host port.
 * An entry without a host port gets an ephemeral one, which is what a scaled service needs.
 *
 * @param hostIp        the host address it binds, if given
 * @param hostPort      the fixed host port, if given
 * @param containerPort the port inside the container
 */
public record PortMapping(Optional<String> hostIp, OptionalInt hostPort, int containerPort) {

    /** Reads the short ({@code "8080:8080"}, {@code "127.0.0.1:8080:8080"}, {@code 8080}) or long syntax. */
    static PortMapping parse(Object raw, String where) {
        if (raw instanceof Map<?, ?>) {
            Map<String, Object> fields = YamlShapes.map(raw, where);
            String target = YamlShapes.scalar(fields.get("target"), where + ".target");
            if (target == null) {
                throw new IllegalArgumentException(where + ".target: the container port is missing");
            }
            String published = YamlShapes.scalar(fields.get("published"), where + ".published");
            String hostIp = YamlShapes.scalar(fields.get("host_ip"), where + ".host_ip");
            return new PortMapping(Optional.ofNullable(hostIp),
                    published == null ? OptionalInt.empty() : OptionalInt.of(port(published, where + ".published")),
                    port(target, where + ".target"));
        }
        String text = YamlShapes.scalar(raw, where).replaceFirst("/(tcp|udp)$", "");
        int lastColon = text.lastIndexOf(':');
        if (lastColon < 0) {
            return new PortMapping(Optional.empty(), OptionalInt.empty(), port(text, where));
        }
        int container = port(text.substring(lastColon + 1), where);
        String hostPart = text.substring(0, lastColon);
        int ipColon = hostPart.lastIndexOf(':');
        Optional<String> ip = ipColon < 0 ? Optional.empty() : Optional.of(hostPart.substring(0, ipColon));
        String host = ipColon < 0 ? hostPart : hostPart.substring(ipColon + 1);
        return new PortMapping(ip, host.isEmpty() ? OptionalInt.empty() : OptionalInt.of(port(host, where)), container);
    }

    static int port(String text, String where) {
        if (!text.matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException(where + ": " + text
                    + " is not a single port number (ranges and variables are not read here)");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(where + ": port " + port + " is outside 1..65535");
        }
        return port;
    }
}
