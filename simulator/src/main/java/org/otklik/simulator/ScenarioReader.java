package org.otklik.simulator;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads and checks a scenario YAML file (format: the team's scenarios/README.md). */
public final class ScenarioReader {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(s|m|h|d)");
    private static final Pattern SHIFT = Pattern.compile("(\\d{1,2}):(\\d{2})-(\\d{1,2}):(\\d{2})");

    private ScenarioReader() {
    }

    public static Scenario read(Path file) {
        if (!Files.isReadable(file)) {
            throw new ScenarioError("cannot read scenario file " + file);
        }
        try (Reader reader = Files.newBufferedReader(file)) {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            if (!(root instanceof Map<?, ?> map)) {
                throw new ScenarioError("scenario: the file must be a YAML mapping");
            }
            return parse(map);
        } catch (IOException e) {
            throw new ScenarioError("cannot read scenario file " + file + ": " + e.getMessage());
        } catch (YAMLException e) {
            throw new ScenarioError("scenario " + file + " is not valid YAML: " + e.getMessage().lines().findFirst()
                    .orElse(""));
        }
    }

    static Scenario parse(Map<?, ?> root) {
        String name = string(root, "name", "scenario");
        long seed = number(root, "seed").longValue();
        Duration duration = duration(root, "duration");
        ZoneId zone;
        try {
            zone = ZoneId.of(string(root, "timezone", "UTC"));
        } catch (RuntimeException e) {
            throw new ScenarioError("timezone: unknown time zone " + root.get("timezone"));
        }

        Map<?, ?> arrivals = map(root, "arrivals");
        int total = number(arrivals, "arrivals.total", "total").intValue();
        if (total < 0) {
            throw new ScenarioError("arrivals.total must not be negative");
        }
        List<?> profileList = list(arrivals, "arrivals.profile", "profile");
        if (profileList.size() != 24) {
            throw new ScenarioError("arrivals.profile must have 24 values, not " + profileList.size());
        }
        double[] profile = new double[24];
        double sum = 0;
        for (int h = 0; h < 24; h++) {
            profile[h] = asNumber(profileList.get(h), "arrivals.profile[" + h + "]").doubleValue();
            if (profile[h] < 0) {
                throw new ScenarioError("arrivals.profile[" + h + "] must not be negative");
            }
            sum += profile[h];
        }
        // shares are normalised: a hand-written profile that sums to 0.98 still means "each hour's share"
        if (Math.abs(sum - 1) > 0.05) {
            throw new ScenarioError("arrivals.profile must sum to 1 (within 0.05), not " + sum);
        }
        for (int h = 0; h < 24; h++) {
            profile[h] /= sum;
        }
        Map<String, Double> departments = shares(map(arrivals, "arrivals.departments", "departments"),
                "arrivals.departments");
        double vipShare = arrivals.containsKey("vip_share") ? number(arrivals, "arrivals.vip_share", "vip_share")
                .doubleValue() : 0;

        Map<?, ?> handlingMap = map(root, "handling");
        Map<String, Scenario.Distribution> handling = new LinkedHashMap<>();
        for (String department : departments.keySet()) {
            if (!handlingMap.containsKey(department)) {
                throw new ScenarioError("handling." + department + " is missing");
            }
            handling.put(department, distribution(handlingMap, "handling." + department, department));
        }
        Scenario.Distribution firstReply = distribution(root, "first_reply_delay", "first_reply_delay");
        double patience = root.containsKey("patience")
                ? number(map(root, "patience"), "patience.mean", "mean").doubleValue() : 0;

        List<Scenario.AgentGroup> groups = new ArrayList<>();
        List<?> agents = list(root, "agents", "agents");
        for (int i = 0; i < agents.size(); i++) {
            String field = "agents[" + i + "]";
            if (!(agents.get(i) instanceof Map<?, ?> g)) {
                throw new ScenarioError(field + " must be a mapping");
            }
            List<String> skills = new ArrayList<>();
            for (Object skill : list(g, field + ".skills", "skills")) {
                if (!departments.containsKey(String.valueOf(skill))) {
                    throw new ScenarioError(field + ".skills: " + skill + " is not one of arrivals.departments");
                }
                skills.add(String.valueOf(skill));
            }
            List<Scenario.Shift> shifts = new ArrayList<>();
            for (Object s : list(g, field + ".shifts", "shifts")) {
                shifts.add(shift(String.valueOf(s), field + ".shifts"));
            }
            int count = number(g, field + ".count", "count").intValue();
            int max = number(g, field + ".max_chats", "max_chats").intValue();
            if (count < 0 || max < 1) {
                throw new ScenarioError(field + ": count must be >= 0 and max_chats >= 1");
            }
            groups.add(new Scenario.AgentGroup(string(g, "name", "group" + i), count, skills, max, shifts));
        }

        Map<?, ?> limits = root.containsKey("limits") ? map(root, "limits") : Map.of();
        int globalMax = limits.containsKey("global_max_active")
                ? number(limits, "limits.global_max_active", "global_max_active").intValue() : 0;
        Duration overflow = limits.containsKey("overflow_after")
                ? durationValue(limits.get("overflow_after"), "limits.overflow_after") : Duration.ZERO;
        Map<?, ?> sla = map(root, "sla");
        Duration firstResponse = durationValue(sla.get("first_response"), "sla.first_response");
        return new Scenario(name, seed, duration, zone, total, profile, departments, vipShare, handling, firstReply,
                patience, groups, globalMax, overflow, firstResponse);
    }

    private static Scenario.Shift shift(String text, String field) {
        Matcher m = SHIFT.matcher(text.strip());
        if (!m.matches()) {
            throw new ScenarioError(field + ": '" + text + "' is not HH:MM-HH:MM");
        }
        int startMinutes = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
        int endMinutes = Integer.parseInt(m.group(3)) * 60 + Integer.parseInt(m.group(4));
        if (startMinutes >= 24 * 60 || endMinutes > 24 * 60) {
            throw new ScenarioError(field + ": '" + text + "' has a time past 24:00");
        }
        int length = endMinutes > startMinutes ? endMinutes - startMinutes : endMinutes + 24 * 60 - startMinutes;
        return new Scenario.Shift(LocalTime.of(startMinutes / 60, startMinutes % 60), Duration.ofMinutes(length));
    }

    private static Scenario.Distribution distribution(Map<?, ?> parent, String field, String key) {
        Map<?, ?> d = map(parent, field, key);
        double mean = number(d, field + ".mean", "mean").doubleValue();
        double sd = d.containsKey("sd") ? number(d, field + ".sd", "sd").doubleValue() : 0;
        if (mean <= 0 || sd < 0) {
            throw new ScenarioError(field + ": mean must be > 0 and sd >= 0");
        }
        return new Scenario.Distribution(mean, sd);
    }

    private static Map<String, Double> shares(Map<?, ?> map, String field) {
        Map<String, Double> shares = new LinkedHashMap<>();
        double sum = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            double v = asNumber(e.getValue(), field + "." + e.getKey()).doubleValue();
            shares.put(String.valueOf(e.getKey()), v);
            sum += v;
        }
        if (shares.isEmpty() || Math.abs(sum - 1) > 0.01) {
            throw new ScenarioError(field + " must be shares summing to 1, not " + sum);
        }
        return shares;
    }

    private static Duration duration(Map<?, ?> map, String key) {
        return durationValue(map.get(key), key);
    }

    static Duration durationValue(Object value, String field) {
        if (value == null) {
            throw new ScenarioError(field + " is missing");
        }
        if (value instanceof Number n) {
            if (n.doubleValue() == 0) {
                return Duration.ZERO;
            }
            throw new ScenarioError(field + ": give a unit, e.g. 30m or 24h");
        }
        Matcher m = DURATION.matcher(String.valueOf(value).strip());
        if (!m.matches()) {
            throw new ScenarioError(field + ": '" + value + "' is not a duration like 30s, 5m, 24h or 2d");
        }
        double amount = Double.parseDouble(m.group(1));
        long seconds = switch (m.group(2)) {
            case "s" -> Math.round(amount);
            case "m" -> Math.round(amount * 60);
            case "h" -> Math.round(amount * 3600);
            default -> Math.round(amount * 86400);
        };
        return Duration.ofSeconds(seconds);
    }

    private static Map<?, ?> map(Map<?, ?> parent, String key) {
        return map(parent, key, key);
    }

    private static Map<?, ?> map(Map<?, ?> parent, String field, String key) {
        Object value = parent.get(key);
        if (!(value instanceof Map<?, ?> m)) {
            throw new ScenarioError(field + (value == null ? " is missing" : " must be a mapping"));
        }
        return m;
    }

    private static List<?> list(Map<?, ?> parent, String field, String key) {
        Object value = parent.get(key);
        if (!(value instanceof List<?> l)) {
            throw new ScenarioError(field + (value == null ? " is missing" : " must be a list"));
        }
        return l;
    }

    private static Number number(Map<?, ?> parent, String key) {
        return number(parent, key, key);
    }

    private static Number number(Map<?, ?> parent, String field, String key) {
        return asNumber(parent.get(key), field);
    }

    private static Number asNumber(Object value, String field) {
        if (!(value instanceof Number n)) {
            throw new ScenarioError(field + (value == null ? " is missing" : " must be a number"));
        }
        return n;
    }

    private static String string(Map<?, ?> parent, String key, String fallback) {
        Object value = parent.get(key);
        return value == null ? fallback : String.valueOf(value);
    }
}
