package vn.da06.dashboard.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed sign-ins: at most {@code maxFailures} per user name and {@code 4 × maxFailures} per
 * client address within {@code window}. Successful sign-ins are not counted, so a person who types
 * their password right is never locked out by their own earlier typo beyond the window.
 */
final class LoginThrottle {
  private final int maxFailures;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  LoginThrottle(int maxFailures, Duration window, Clock clock) {
    this.maxFailures = maxFailures;
    this.window = window;
    this.clock = clock;
  }

  boolean allowed(String name, String ip) {
    return recent("name:" + name) < maxFailures && recent("ip:" + ip) < 4 * maxFailures;
  }

  void failed(String name, String ip) {
    add("name:" + name);
    add("ip:" + ip);
  }

  private int recent(String key) {
    Deque<Instant> times = failures.get(key);
    if (times == null) {
      return 0;
    }
    synchronized (times) {
      Instant oldest = clock.instant().minus(window);
      while (!times.isEmpty() && times.peekFirst().isBefore(oldest)) {
        times.pollFirst();
      }
      return times.size();
    }
  }

  private void add(String key) {
    Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      times.addLast(clock.instant());
    }
  }
}
