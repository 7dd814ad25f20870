package io.netlingua.targets;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The versions of a target that Netlingua holds schemas or notes for, and the version a run assumes when it names
 * none. A range compares major and minor numbers only, so every patch release of a minor release is in it:
 * {@code 1.18.3} is in {@code 1.16} to {@code 1.18}. A target whose behaviour no version changes accepts every
 * version ({@link #any(String)}).
 *
 * <pre>{@code
 * VersionRange.between("1.21", "1.35").contains("1.35.2");   // true
 * VersionRange.between("1.21", "1.35").contains("1.20.9");   // false
 * }</pre>
 *
 * @param oldest the oldest supported release, {@code MAJOR.MINOR}; empty when every version is accepted
 * @param newest the newest supported release, {@code MAJOR.MINOR}; empty when every version is accepted
 * @param defaultVersion the version assumed when a run names none; inside the range
 */
public record VersionRange(Optional<String> oldest, Optional<String> newest, String defaultVersion) {
  private static final Pattern MAJOR_MINOR = Pattern.compile("[0-9]{1,9}\\.[0-9]{1,9}");

  public VersionRange {
    Objects.requireNonNull(oldest, "oldest");
    Objects.requireNonNull(newest, "newest");
    Objects.requireNonNull(defaultVersion, "defaultVersion");
    if (oldest.isPresent() != newest.isPresent()) {
      throw new IllegalArgumentException("a version range has both ends or neither");
    }
    oldest.ifPresent(VersionRange::requireMajorMinor);
    newest.ifPresent(VersionRange::requireMajorMinor);
    if (oldest.isPresent() && Versions.compare(oldest.get(), newest.get(), 2) > 0) {
      throw new IllegalArgumentException("the oldest version " + oldest.get() + " is after the newest " + newest.get());
    }
    Versions.requireVersion(defaultVersion);
    if (oldest.isPresent()
        && (Versions.compare(defaultVersion, oldest.get(), 2) < 0
            || Versions.compare(defaultVersion, newest.get(), 2) > 0)) {
      throw new IllegalArgumentException("the default version " + defaultVersion + " is outside "
          + oldest.get() + " to " + newest.get());
    }
  }

  /**
   * The releases from {@code oldest} to {@code newest}, both included, each {@code MAJOR.MINOR}; the newest is the
   * default (the release whose schemas the project holds).
   */
  public static VersionRange between(String oldest, String newest) {
    return new VersionRange(Optional.of(oldest), Optional.of(newest), newest);
  }

  /** Every version, for a target no version changes; {@code defaultVersion} is the one reports name. */
  public static VersionRange any(String defaultVersion) {
    return new VersionRange(Optional.empty(), Optional.empty(), defaultVersion);
  }

  /** Whether the range holds every version. */
  public boolean isUnbounded() {
    return oldest.isEmpty();
  }

  /**
   * Whether {@code version}, a dotted version ({@link Versions#isVersion}), is in the range, comparing its major and
   * minor numbers only; a text that is not a version is in no range.
   */
  public boolean contains(String version) {
    if (!Versions.isVersion(version)) {
      return false;
    }
    return isUnbounded()
        || (Versions.compare(version, oldest.get(), 2) >= 0 && Versions.compare(version, newest.get(), 2) <= 0);
  }

  /** {@code 1.21 to 1.35}, or {@code any version}: how messages and documents name the range. */
  @Override
  public String toString() {
    return isUnbounded() ? "any version" : oldest.get() + " to " + newest.get();
  }

  private static void requireMajorMinor(String end) {
    if (!MAJOR_MINOR.matcher(end).matches()) {
      throw new IllegalArgumentException("an end of a version range is MAJOR.MINOR, not '" + end + "'");
    }
  }
}
