package io.netlingua.cli.internal;

import io.netlingua.Netlingua;
import io.netlingua.model.Cidr;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Target;
import io.netlingua.targets.Versions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The values options accept, converted from their command-line spelling. A value outside the choices is a usage
 * error (exit code 2) whose message lists the choices; the help text lists them from the same place.
 */
final class Choices {
  private Choices() {}

  /** The value whose id is {@code text}, or a conversion error naming the choices. */
  static <T> T byId(String text, List<T> values, Function<T, String> id, String what) {
    for (T v : values) {
      if (id.apply(v).equals(text)) {
        return v;
      }
    }
    List<String> ids = new ArrayList<>();
    values.forEach(v -> ids.add(id.apply(v)));
    throw new TypeConversionException(
        "unknown " + what + " '" + text + "' (expected one of: " + String.join(", ", ids) + ")");
  }

  /** The ids of the targets this version compiles for: the help text and {@code --target}'s choices. */
  static final class TargetIds implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Netlingua.targets().stream().map(Target::id).iterator();
    }
  }

  /** {@code --target}: a target that has an emitter. */
  static final class TargetConverter implements ITypeConverter<Target> {
    @Override
    public Target convert(String text) {
      return byId(text, Netlingua.targets(), Target::id, "target");
    }
  }

  /** The mode ids, for the help text. */
  static final class ModeIds implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Mode.values()).map(Mode::id).iterator();
    }
  }

  /** {@code --mode}: strict, fail-closed or best-effort. */
  static final class ModeConverter implements ITypeConverter<Mode> {
    @Override
    public Mode convert(String text) {
      return byId(text, List.of(Mode.values()), Mode::id, "mode");
    }
  }

  /** The formats of the compile report. */
  enum ReportFormat {
    TEXT,
    JSON;

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** {@code --report}: text or json. */
  static final class ReportFormatConverter implements ITypeConverter<ReportFormat> {
    @Override
    public ReportFormat convert(String text) {
      return byId(text, List.of(ReportFormat.values()), ReportFormat::id, "report format");
    }
  }

  /** The renderings of the capability matrix. */
  enum MatrixFormat {
    MARKDOWN,
    JSON;

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** {@code capabilities --format}: markdown or json. */
  static final class MatrixFormatConverter implements ITypeConverter<MatrixFormat> {
    @Override
    public MatrixFormat convert(String text) {
      return byId(text, List.of(MatrixFormat.values()), MatrixFormat::id, "format");
    }
  }

  /** {@code --pod-cidr} and the like: a CIDR written canonically, as the language requires. */
  static final class CidrConverter implements ITypeConverter<Cidr> {
    @Override
    public Cidr convert(String text) {
      Cidr.Reading r = Cidr.read(text);
      return r.cidr().orElseThrow(() -> new TypeConversionException(
          r.problem().orElseThrow() + r.canonical().map(c -> " (did you mean " + c + "?)").orElse("")));
    }
  }

  /**
   * {@code --target-version}: a dotted version number such as {@code 1.35} or {@code 1.29.4}, the form the Java API
   * accepts. Whether the target supports it is checked once the target is known.
   */
  static final class VersionConverter implements ITypeConverter<String> {
    @Override
    public String convert(String text) {
      try {
        return Versions.requireVersion(text);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /**
   * A reading of {@code query --reading}: the target whose platform reads the objects, and its version.
   *
   * @param target a target with an evaluator
   * @param version a version in its range (its default when none is written)
   */
  record Reading(Target target, String version) {}

  /**
   * {@code --reading}: {@code TARGET} or {@code TARGET:VERSION}, a target with an evaluator and a version in its range.
   * Whether it enforces the objects of {@code --target} is checked once that is known.
   */
  static final class ReadingConverter implements ITypeConverter<Reading> {
    @Override
    public Reading convert(String text) {
      int colon = text.indexOf(':');
      Target target = byId(colon < 0 ? text : text.substring(0, colon), Netlingua.evaluableTargets(), Target::id,
          "reading");
      String version = colon < 0 ? target.defaultVersion() : text.substring(colon + 1);
      try {
        target.checkVersion(Versions.requireVersion(version));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
      return new Reading(target, version);
    }
  }

  /** The targets with an evaluator: {@code --reading}'s choices in the help text. */
  static final class ReadingIds implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Netlingua.evaluableTargets().stream().map(Target::id).iterator();
    }
  }

  /**
   * A {@code KEY=VALUE} of {@code --target-option}.
   *
   * @param key what comes before the first {@code =}, never empty
   * @param value what comes after it, possibly empty
   */
  record Setting(String key, String value) {}

  /**
   * {@code --target-option}: {@code KEY=VALUE}, split at the first {@code =} (a value may hold more). Whether the
   * target takes the key and the value is checked once the target is known.
   */
  static final class SettingConverter implements ITypeConverter<Setting> {
    @Override
    public Setting convert(String text) {
      int eq = text.indexOf('=');
      if (eq < 1) {
        throw new TypeConversionException("'" + text + "' is not KEY=VALUE");
      }
      return new Setting(text.substring(0, eq), text.substring(eq + 1));
    }
  }
}
