package vn.da06.dashboard.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Slows password guessing without locking anyone out (OWASP ASVS 2.2.1): after {@code freeFailures}
 * failed sign-ins for a user name ({@code 4 × freeFailures} from one client address), each further
 * attempt for that name or from that address waits 1 s, 2 s, 4 s… after the last failure, never
 * more than {@code maxDelay}. The password is checked after the wait, so a correct password is
 * never refused: at most it waits out the current delay. Failures are forgotten {@code window}
 * after the last one; a successful sign-in forgets the name's failures.
 *
 * <p>Memory is bounded: at most {@link #MAX_KEYS} names and addresses are remembered; past that,
 * names share one key (an attacker spraying names slows only other sprayed names, and the address
 * key still applies).
 */
final class LoginThrottle {
  static final int MAX_KEYS = 100_000;
  private static final Duration FIRST_DELAY = Duration.ofSeconds(1);

  private record Failures(int count, Instant last) {}

  private final int freeFailures;
  private final Duration window;
  private final Duration maxDelay;
  private final Supplier<Instant> now;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  LoginThrottle(int freeFailures, Duration window, Duration maxDelay, Supplier<Instant> now) {
    this.freeFailures = Math.max(1, freeFailures);
    this.window = window;
    this.maxDelay = maxDelay;
    this.now = now;
  }

  /** How long an attempt for {@code name} from {@code ip} waits before its password is checked. */
  Duration delay(String name, String ip) {
    Duration byName = remaining(nameKey(name), freeFailures);
    Duration byAddress = remaining("ip:" + ip, 4 * freeFailures);
    return byName.compareTo(byAddress) >= 0 ? byName : byAddress;
  }

  void failed(String name, String ip) {
    add(nameKey(name));
    add("ip:" + ip);
  }

  void succeeded(String name) {
    failures.remove(nameKey(name));
  }

  /** The delay after {@code count} failures, {@code free} of which cost nothing. */
  Duration delayAfter(int count, int free) {
    if (count < free) {
      return Duration.ZERO;
    }
    int doublings = Math.min(30, count - free);
    Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }

  private Duration remaining(String key, int free) {
    Failures seen = failures.get(key);
    if (seen == null) {
      return Duration.ZERO;
    }
    Instant now = this.now.get();
    if (seen.last().plus(window).isBefore(now)) {
      failures.remove(key, seen);
      return Duration.ZERO;
    }
    Duration left = Duration.between(now, seen.last().plus(delayAfter(seen.count(), free)));
    return left.isNegative() ? Duration.ZERO : left;
  }

  private String nameKey(String name) {
    String key = "name:" + (name.length() > 64 ? name.substring(0, 64) : name);
    if (failures.size() >= MAX_KEYS && !failures.containsKey(key)) {
      forgetOld();
      if (failures.size() >= MAX_KEYS) {
        return "name:*";
      }
    }
    return key;
  }

  private void add(String key) {
    Instant now = this.now.get();
    if (failures.size() >= MAX_KEYS && !failures.containsKey(key)) {
      forgetOld();
      if (failures.size() >= MAX_KEYS) {
        return; // full of recent failures: the shared keys still slow the attacker
      }
    }
    failures.merge(
        key,
        new Failures(1, now),
        (old, one) ->
            old.last().plus(window).isBefore(now) ? one : new Failures(old.count() + 1, now));
  }

  private void forgetOld() {
    Instant oldest = now.get().minus(window);
    failures.values().removeIf(seen -> seen.last().isBefore(oldest));
  }
}
