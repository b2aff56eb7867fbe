package vn.da06.jobs.generate;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.da06.jobs.generate.Plan.WardTraits;
import vn.da06.warehouse.QuarantineReason;
import vn.da06.warehouse.admin.Era;
import vn.da06.warehouse.admin.Ward;

/**
 * What the generators of one unit share: the plan, the unit, its rows' writer, its residents, the
 * expected gold figures and per-file counts, and the helpers that write a row and name a ward.
 */
abstract class UnitPart {

  static final String[] NOTES = {
    "",
    "",
    "Tổ lưu động, khu phố 3",
    "Công dân hẹn \"kích hoạt\" sau",
    "Đã hướng dẫn cài VNeID,\nhẹn quay lại",
    "Rà soát \"năm người\", \"năm hộ\"",
    ""
  };
  static final DateTimeFormatter DOTTED = DateTimeFormatter.ofPattern("dd.MM.uuuu HH:mm");
  static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("uuuu-MM-dd H'h'mm");

  record Version(String status, LocalDateTime activatedAt, LocalDateTime updatedAt) {}

  final Plan plan;
  final Plan.Unit unit;
  final ChunkWriter chunks;
  final long seed;
  final int k;
  final WardMonthTable table;
  final Map<String, long[]> stats;
  final Map<Long, int[]> dailyTruth;
  final List<Person> people;

  /** The shared state of a new unit: no resident yet, nothing written. */
  UnitPart(Plan plan, Plan.Unit unit, ChunkWriter chunks) {
    this.plan = plan;
    this.unit = unit;
    this.chunks = chunks;
    this.seed = plan.options.seed();
    this.k = unit.olds().size();
    this.table =
        new WardMonthTable(
            unit.olds().stream().map(Ward::code).toList(), unit.current().code(), plan.months);
    this.stats = new HashMap<>();
    for (FileFormat format : plan.allFiles()) {
      stats.put(format.relativePath(), new long[1 + QuarantineReason.values().length]);
    }
    this.dailyTruth = new HashMap<>();
    this.people = new ArrayList<>();
  }

  /** Another part of the same unit, on the same state. */
  UnitPart(UnitPart shared) {
    this.plan = shared.plan;
    this.unit = shared.unit;
    this.chunks = shared.chunks;
    this.seed = shared.seed;
    this.k = shared.k;
    this.table = shared.table;
    this.stats = shared.stats;
    this.dailyTruth = shared.dailyTruth;
    this.people = shared.people;
  }

  String wardCode(int ward) {
    return ward < k ? unit.olds().get(ward).code() : unit.current().code();
  }

  Era wardEra(int ward) {
    return ward < k ? Era.PRE_REFORM : Era.POST_REFORM;
  }

  WardTraits traits(int ward) {
    return plan.traits(wardCode(ward), wardEra(ward));
  }

  /** The ward a person lives in on {@code day}, in the list of that day's era. */
  int wardOn(Person person, LocalDate day) {
    return Era.on(day) == Era.PRE_REFORM ? person.home : k;
  }

  void write(FileFormat format, String[] values, String note, QuarantineReason reason) {
    chunks.write(format, values, note);
    long[] counts = stats.get(format.relativePath());
    counts[0]++;
    if (reason != null) {
      counts[1 + reason.ordinal()]++;
    }
  }

  static String note(String key) {
    return NOTES[Math.floorMod(key.hashCode(), NOTES.length)];
  }

  static long dayKey(int ward, LocalDate day) {
    // Ward in the high half so that Long.hashCode (high ^ low) spreads over days.
    return ((long) ward << 32) | day.toEpochDay();
  }

  /** Keeps versions whose updated_at strictly increases, the last (current) one always. */
  static List<Version> increasing(List<Version> versions) {
    List<Version> kept = new ArrayList<>();
    Version next = versions.get(versions.size() - 1);
    kept.add(next);
    for (int i = versions.size() - 2; i >= 0; i--) {
      if (versions.get(i).updatedAt().isBefore(next.updatedAt())) {
        next = versions.get(i);
        kept.add(0, next);
      }
    }
    return kept;
  }
}
