package vn.da06.warehouse.admin;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Both lists and the crosswalk held in memory, indexed by code per era. Built by {@link
 * AdminUnitsLoader}; checks on construction that the crosswalk only names wards of the lists and
 * that every old ward with links has exactly one primary link.
 */
public final class ImmutableAdminUnits implements AdminUnits {

  private final String source;
  private final Map<Era, List<Ward>> wards;
  private final Map<Era, Map<String, Ward>> byCode;
  private final List<CrosswalkLink> crosswalk;
  private final Map<String, String> primaryCurrentWard;
  private final Map<Era, Map<String, List<Ward>>> byCurrentProvince;
  private final LoadReport report;

  /**
   * @param report what the loader had to resolve or could not; null when the lists were taken as
   *     they are
   */
  public ImmutableAdminUnits(
      String source,
      List<Ward> preReform,
      List<Ward> postReform,
      List<CrosswalkLink> crosswalk,
      LoadReport report) {
    this.source = requireNonNull(source, "source is null");
    this.report = report;
    this.wards =
        Map.of(
            Era.PRE_REFORM,
            sortedOfEra(preReform, Era.PRE_REFORM),
            Era.POST_REFORM,
            sortedOfEra(postReform, Era.POST_REFORM));
    this.byCode =
        Map.of(
            Era.PRE_REFORM,
            index(wards.get(Era.PRE_REFORM)),
            Era.POST_REFORM,
            index(wards.get(Era.POST_REFORM)));

    List<CrosswalkLink> links = new ArrayList<>(crosswalk);
    links.sort(
        Comparator.comparing(CrosswalkLink::oldWardCode).thenComparing(CrosswalkLink::newWardCode));
    this.crosswalk = List.copyOf(links);
    this.primaryCurrentWard = primaries(this.crosswalk);

    Map<String, List<Ward>> currentByProvince = new LinkedHashMap<>();
    for (Ward ward : wards.get(Era.POST_REFORM)) {
      currentByProvince.computeIfAbsent(ward.provinceCode(), p -> new ArrayList<>()).add(ward);
    }
    Map<String, List<Ward>> oldByCurrentProvince = new LinkedHashMap<>();
    for (Ward ward : wards.get(Era.PRE_REFORM)) {
      String primary = primaryCurrentWard.get(ward.code());
      if (primary != null) {
        String province = byCode.get(Era.POST_REFORM).get(primary).provinceCode();
        oldByCurrentProvince.computeIfAbsent(province, p -> new ArrayList<>()).add(ward);
      }
    }
    this.byCurrentProvince =
        Map.of(
            Era.PRE_REFORM,
            immutable(oldByCurrentProvince),
            Era.POST_REFORM,
            immutable(currentByProvince));
  }

  @Override
  public String source() {
    return source;
  }

  /**
   * What the loader resolved by name or left unmapped; empty when the lists were taken as they are
   * (GSO).
   */
  public Optional<LoadReport> report() {
    return Optional.ofNullable(report);
  }

  @Override
  public List<Ward> wards(Era era) {
    return wards.get(requireNonNull(era, "era is null"));
  }

  @Override
  public Optional<Ward> ward(String code, LocalDate date) {
    return ward(code, Era.on(requireNonNull(date, "date is null")));
  }

  @Override
  public Optional<Ward> ward(String code, Era era) {
    return Optional.ofNullable(byCode.get(requireNonNull(era, "era is null")).get(code));
  }

  @Override
  public List<CrosswalkLink> crosswalk() {
    return crosswalk;
  }

  @Override
  public Optional<String> primaryCurrentWard(String oldWardCode) {
    return Optional.ofNullable(primaryCurrentWard.get(oldWardCode));
  }

  @Override
  public List<Ward> wardsOfCurrentProvince(String provinceCode, Era era) {
    return byCurrentProvince
        .get(requireNonNull(era, "era is null"))
        .getOrDefault(provinceCode, List.of());
  }

  @Override
  public String toString() {
    return "AdminUnits["
        + source
        + ": "
        + wards.get(Era.PRE_REFORM).size()
        + " pre-reform wards, "
        + wards.get(Era.POST_REFORM).size()
        + " post-reform wards, "
        + crosswalk.size()
        + " links]";
  }

  private static List<Ward> sortedOfEra(List<Ward> wards, Era era) {
    List<Ward> sorted = new ArrayList<>(wards);
    for (Ward ward : sorted) {
      if (ward.era() != era) {
        throw new IllegalArgumentException(
            "ward " + ward.code() + " is " + ward.era() + ", not " + era);
      }
    }
    sorted.sort(Comparator.comparing(Ward::code));
    return List.copyOf(sorted);
  }

  private static Map<String, Ward> index(List<Ward> wards) {
    Map<String, Ward> index = new HashMap<>();
    for (Ward ward : wards) {
      Ward previous = index.put(ward.code(), ward);
      if (previous != null) {
        throw new IllegalArgumentException(
            "ward code " + ward.code() + " appears twice in " + ward.era());
      }
    }
    return Map.copyOf(index);
  }

  private Map<String, String> primaries(List<CrosswalkLink> links) {
    Map<String, String> primaries = new HashMap<>();
    Map<String, Integer> linkCount = new HashMap<>();
    for (CrosswalkLink link : links) {
      if (!byCode.get(Era.PRE_REFORM).containsKey(link.oldWardCode())) {
        throw new IllegalArgumentException(
            "crosswalk names old ward "
                + link.oldWardCode()
                + ", which is not in the pre-reform list");
      }
      if (!byCode.get(Era.POST_REFORM).containsKey(link.newWardCode())) {
        throw new IllegalArgumentException(
            "crosswalk names new ward "
                + link.newWardCode()
                + ", which is not in the post-reform list");
      }
      linkCount.merge(link.oldWardCode(), 1, Integer::sum);
      if (link.primary() && primaries.put(link.oldWardCode(), link.newWardCode()) != null) {
        throw new IllegalArgumentException(
            "old ward " + link.oldWardCode() + " has more than one primary link");
      }
    }
    for (String oldWardCode : linkCount.keySet()) {
      if (!primaries.containsKey(oldWardCode)) {
        throw new IllegalArgumentException(
            "old ward " + oldWardCode + " has links but no primary link");
      }
    }
    return Map.copyOf(primaries);
  }

  private static Map<String, List<Ward>> immutable(Map<String, List<Ward>> map) {
    Map<String, List<Ward>> copy = new HashMap<>();
    map.forEach((key, value) -> copy.put(key, List.copyOf(value)));
    return Map.copyOf(copy);
  }
}
