package vn.da06.jobs.gold;

import java.sql.Date;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.da06.warehouse.EssentialServices;
import vn.da06.warehouse.admin.AdminUnits;
import vn.da06.warehouse.admin.CrosswalkLink;
import vn.da06.warehouse.admin.Era;
import vn.da06.warehouse.admin.Ward;

/**
 * {@code gold.dim_ward} and {@code gold.dim_service}, built from the admin-unit lists and the
 * contract's list of essential services. Small: built on the driver.
 */
public final class Dimensions {

  public static final StructType DIM_WARD =
      new StructType()
          .add("ward_code", DataTypes.StringType, false)
          .add("era", DataTypes.StringType, false)
          .add("ward_name", DataTypes.StringType, false)
          .add("ward_type", DataTypes.StringType, true)
          .add("district_code", DataTypes.StringType, true)
          .add("district_name", DataTypes.StringType, true)
          .add("province_code", DataTypes.StringType, false)
          .add("province_name", DataTypes.StringType, true)
          .add("valid_from", DataTypes.DateType, true)
          .add("valid_to", DataTypes.DateType, true)
          .add("current_ward_code", DataTypes.StringType, true)
          .add("current_ward_codes", DataTypes.createArrayType(DataTypes.StringType), false)
          .add("current_province_code", DataTypes.StringType, true);

  private Dimensions() {}

  /**
   * Every ward of both lists. A pre-reform ward's {@code current_ward_code} is where its counts go
   * (the primary crosswalk link), {@code current_ward_codes} every ward it was split into; a
   * current ward maps to itself. {@code valid_from} of the pre-reform list is unknown to the
   * sources and left NULL.
   */
  public static Dataset<Row> wards(SparkSession spark, AdminUnits units) {
    Map<String, List<String>> targets = new HashMap<>();
    Map<String, String> primary = new HashMap<>();
    for (CrosswalkLink link : units.crosswalk()) {
      targets.computeIfAbsent(link.oldWardCode(), k -> new ArrayList<>()).add(link.newWardCode());
      if (link.primary()) {
        primary.put(link.oldWardCode(), link.newWardCode());
      }
    }
    Map<String, String> currentProvinceOfWard = new HashMap<>();
    for (Ward ward : units.wards(Era.POST_REFORM)) {
      currentProvinceOfWard.put(ward.code(), ward.provinceCode());
    }
    Map<String, String> currentProvinceOfOldProvince =
        provinceCrosswalk(units.wards(Era.PRE_REFORM), primary, currentProvinceOfWard);
    List<Row> rows = new ArrayList<>();
    Date reform = Date.valueOf(Era.REFORM_DATE);
    Date lastDayBefore = Date.valueOf(Era.REFORM_DATE.minusDays(1));
    for (Ward ward : units.wards(Era.PRE_REFORM)) {
      String current = primary.get(ward.code());
      List<String> all = targets.getOrDefault(ward.code(), List.of()).stream().sorted().toList();
      String currentProvince =
          current != null
              ? currentProvinceOfWard.get(current)
              : currentProvinceOfOldProvince.get(ward.provinceCode());
      rows.add(
          RowFactory.create(
              ward.code(),
              Era.PRE_REFORM.name(),
              ward.name(),
              ward.type(),
              ward.districtCode(),
              ward.districtName(),
              ward.provinceCode(),
              ward.provinceName(),
              null,
              lastDayBefore,
              current,
              scala.jdk.javaapi.CollectionConverters.asScala(all).toSeq(),
              currentProvince));
    }
    for (Ward ward : units.wards(Era.POST_REFORM)) {
      rows.add(
          RowFactory.create(
              ward.code(),
              Era.POST_REFORM.name(),
              ward.name(),
              ward.type(),
              null,
              null,
              ward.provinceCode(),
              ward.provinceName(),
              reform,
              null,
              ward.code(),
              scala.jdk.javaapi.CollectionConverters.asScala(List.of(ward.code())).toSeq(),
              ward.provinceCode()));
    }
    return spark.createDataFrame(rows, DIM_WARD);
  }

  /**
   * Each ward and province code of each list: {@code unit_code, era}, what rows are checked
   * against.
   */
  public static Dataset<Row> knownUnits(SparkSession spark, AdminUnits units) {
    Map<String, Boolean> seen = new TreeMap<>();
    List<Row> rows = new ArrayList<>();
    for (Era era : Era.values()) {
      for (Ward ward : units.wards(era)) {
        addOnce(rows, seen, ward.code(), era);
        addOnce(rows, seen, ward.provinceCode(), era);
      }
    }
    StructType schema =
        new StructType()
            .add("unit_code", DataTypes.StringType, false)
            .add("era", DataTypes.StringType, false);
    return spark.createDataFrame(rows, schema);
  }

  private static void addOnce(List<Row> rows, Map<String, Boolean> seen, String code, Era era) {
    if (seen.putIfAbsent(code + "/" + era, true) == null) {
      rows.add(RowFactory.create(code, era.name()));
    }
  }

  /**
   * Old province → the current province most of its wards went to (for old wards with no crosswalk
   * link).
   */
  private static Map<String, String> provinceCrosswalk(
      Collection<Ward> oldWards,
      Map<String, String> primary,
      Map<String, String> currentProvinceOfWard) {
    Map<String, Map<String, Integer>> votes = new HashMap<>();
    for (Ward ward : oldWards) {
      String current = primary.get(ward.code());
      if (current != null && currentProvinceOfWard.containsKey(current)) {
        votes
            .computeIfAbsent(ward.provinceCode(), k -> new TreeMap<>())
            .merge(currentProvinceOfWard.get(current), 1, Integer::sum);
      }
    }
    Map<String, String> result = new HashMap<>();
    votes.forEach(
        (province, counts) ->
            result.put(
                province,
                counts.entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .orElseThrow()
                    .getKey()));
    return result;
  }

  public static final StructType DIM_SERVICE =
      new StructType()
          .add("service_code", DataTypes.StringType, false)
          .add("name_vi", DataTypes.StringType, true)
          .add("is_essential", DataTypes.BooleanType, false);

  /**
   * The 25 essential services, and every other service code seen in the dossiers (no name known).
   */
  public static Dataset<Row> services(SparkSession spark, List<String> otherCodesSeen) {
    List<Row> rows = new ArrayList<>();
    EssentialServices.NAMES.forEach((code, name) -> rows.add(RowFactory.create(code, name, true)));
    otherCodesSeen.stream()
        .filter(code -> !EssentialServices.isEssential(code))
        .sorted()
        .distinct()
        .forEach(code -> rows.add(RowFactory.create(code, null, false)));
    return spark.createDataFrame(rows, DIM_SERVICE);
  }
}
