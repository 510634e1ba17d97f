package dev.peregrine.field;

import static dev.peregrine.field.Defs.indexed;
import static dev.peregrine.field.Defs.walked;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The per-container fields {@code ka.req.pod.<list>.*} and the first-container scalars. */
final class Containers {
  private static final String REQ = "requestObject";
  private static final String SC = "securityContext";

  /** The three container lists of a pod spec, as JSON key and as wording. */
  private enum Kind {
    CONTAINERS("containers", "container"),
    INIT("initContainers", "init container"),
    EPHEMERAL("ephemeralContainers", "ephemeral container");

    final String key;
    final String noun;

    Kind(String key, String noun) {
      this.key = key;
      this.noun = noun;
    }
  }

  private Containers() {}

  /** Every field of this group, in catalogue order. */
  static List<FieldDef> all() {
    List<FieldDef> out = new ArrayList<>();
    for (Kind k : Kind.values()) {
      out.addAll(perContainer(k));
    }
    out.addAll(firstContainer());
    return out;
  }

  private static List<FieldDef> perContainer(Kind k) {
    String p = "ka.req.pod." + k.key + ".";
    String each = " of each " + k.noun;
    List<FieldDef> out = new ArrayList<>();
    Walk names = walk(k, "name");
    Walk images = walk(k, "image");
    out.add(indexed(p + "name", "Name" + each, keys(k, "name"),
        i -> j -> Walk.textsStrict(names.walk(j, i))));
    out.add(indexed(p + "image", "Image" + each, keys(k, "image"),
        i -> j -> Walk.textsStrict(images.walk(j, i))));
    out.add(indexed(p + "image.repository", "Image repository (image without tag or digest)"
        + each, keys(k, "image"), i -> j -> repositories(Walk.textsStrict(images.walk(j, i)))));
    out.add(joined(k, p + "command", "Command" + each + ", joined with spaces", "command"));
    out.add(joined(k, p + "args", "Arguments" + each + ", joined with spaces", "args"));
    out.add(sc(k, p + "privileged", "Whether each " + k.noun + " is privileged",
        "privileged"));
    out.add(sc(k, p + "allow_privilege_escalation",
        "Whether each " + k.noun + " allows privilege escalation", "allowPrivilegeEscalation"));
    out.add(sc(k, p + "read_only_fs",
        "Whether each " + k.noun + " has a read-only root filesystem", "readOnlyRootFilesystem"));
    out.add(sc(k, p + "run_as_user", "runAsUser set in the security context" + each,
        "runAsUser"));
    out.add(sc(k, p + "run_as_group", "runAsGroup set in the security context" + each,
        "runAsGroup"));
    out.add(sc(k, p + "proc_mount", "procMount set in the security context" + each,
        "procMount"));
    out.add(walked(p + "add_capabilities", "Added capabilities" + each + ", one JSON array per "
        + k.noun, REQ, "spec", k.key, SC, "capabilities", "add"));
    if (k != Kind.EPHEMERAL) {
      out.add(hostPorts(k, p + "host_port", "Host port (else container port) of every port"
          + each));
    }
    out.add(effective(k, p + "eff_run_as_user", "Effective user id" + each, "runAsUser"));
    out.add(effective(k, p + "eff_run_as_group", "Effective group id" + each, "runAsGroup"));
    return out;
  }

  private static Walk walk(Kind k, String... keys) {
    return Walk.of(keys(k, keys).toArray(String[]::new));
  }

  /** The key path {@code requestObject.spec.<list>.<keys>}. */
  private static List<String> keys(Kind k, String... keys) {
    List<String> all = new ArrayList<>(List.of(REQ, "spec", k.key));
    all.addAll(List.of(keys));
    return List.copyOf(all);
  }

  private static FieldDef sc(Kind k, String name, String desc, String key) {
    return walked(name, desc, REQ, "spec", k.key, SC, key);
  }

  /** Repository part of each image: up to the first ':', then up to the first '@'. */
  static List<String> repositories(List<String> images) {
    if (images == null) {
      return null;
    }
    List<String> out = new ArrayList<>(images.size());
    for (String image : images) {
      String s = image;
      int colon = s.indexOf(':');
      s = colon < 0 ? s : s.substring(0, colon);
      int at = s.indexOf('@');
      out.add(at < 0 ? s : s.substring(0, at));
    }
    return out;
  }

  private static FieldDef joined(Kind k, String name, String desc, String key) {
    Walk w = walk(k, key);
    return indexed(name, desc, keys(k, key), i -> j -> {
      List<JsonNode> values = w.walk(j, i);
      if (values == null) {
        return null;
      }
      List<String> out = new ArrayList<>();
      for (JsonNode v : values) {
        if (v == null) {
          continue;
        }
        if (!v.isArray()) {
          return null;
        }
        List<String> words = new ArrayList<>(v.size());
        for (JsonNode word : v) {
          if (!word.isTextual()) {
            return null;
          }
          words.add(word.textValue());
        }
        out.add(String.join(" ", words));
      }
      return out;
    });
  }

  private static FieldDef hostPorts(Kind k, String name, String desc) {
    Walk w = walk(k, "ports");
    return indexed(name, desc, keys(k, "ports"), i -> j -> {
      List<JsonNode> values = w.walk(j, i);
      if (values == null) {
        return null;
      }
      List<String> out = new ArrayList<>();
      for (JsonNode ports : values) {
        if (ports == null) {
          continue;
        }
        if (!ports.isArray()) {
          return null;
        }
        for (JsonNode port : ports) {
          JsonNode host = port.isObject() ? port.get("hostPort") : null;
          JsonNode cont = port.isObject() ? port.get("containerPort") : null;
          if (host != null || cont != null) {
            out.add(JsonText.asText(host != null ? host : cont));
          }
        }
      }
      return out;
    });
  }

  /**
   * The id each container runs with: its own security context value, else the pod security
   * context value, else "0" (an image without a USER runs as root; the image is not known here).
   */
  private static FieldDef effective(Kind k, String name, String desc, String key) {
    Walk pod = Walk.of(REQ, "spec", SC, key);
    Walk each = walk(k, "");
    Walk own = Walk.of(SC, key);
    FieldDef def = indexed(name, desc, keys(k, SC, key), i -> j -> {
      List<JsonNode> containers = each.walk(j, i);
      if (containers == null) {
        return null;
      }
      String podValue = JsonText.asText(pod.get(j));
      String fallback = podValue == null ? "0" : podValue;
      List<String> out = new ArrayList<>(containers.size());
      for (JsonNode c : containers) {
        JsonNode v = c == null ? null : own.get(c);
        out.add(v == null ? fallback : JsonText.asText(v));
      }
      return out;
    });
    List<List<String>> reads = List.of(keys(k, SC, key), List.of(REQ, "spec", SC, key));
    return new FieldDef(def.name(), def.type(), def.list(), def.arg(), def.description(),
        def.binder(), arg -> reads);
  }

  private static List<FieldDef> firstContainer() {
    Walk images = walk(Kind.CONTAINERS, "image");
    Walk privileged = walk(Kind.CONTAINERS, SC, "privileged");
    return List.of(
        Defs.text("ka.req.container.image", "Deprecated; image of the pod's first container",
            List.of(keys(Kind.CONTAINERS, "image")),
            j -> first(Walk.textsStrict(images.walk(j, 0)))),
        Defs.text("ka.req.container.image.repository",
            "Deprecated; image repository of the pod's first container",
            List.of(keys(Kind.CONTAINERS, "image")),
            j -> first(repositories(Walk.textsStrict(images.walk(j, 0))))),
        Defs.text("ka.req.container.privileged",
            "Deprecated; \"true\" if any container is privileged, else \"false\"",
            List.of(keys(Kind.CONTAINERS, SC, "privileged")), j -> anyTrue(privileged.walk(j, -1))));
  }

  private static String first(List<String> values) {
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static String anyTrue(List<JsonNode> values) {
    if (values == null) {
      return null;
    }
    for (JsonNode v : values) {
      if (v != null && v.isBoolean() && v.booleanValue()) {
        return "true";
      }
    }
    return "false";
  }
}
