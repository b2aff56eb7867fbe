package vn.da06.jobs.gold;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.da06.jobs.SharedSpark;
import vn.da06.jobs.generate.FakeAdminUnits;
import vn.da06.warehouse.EssentialServices;

/** gold.dim_ward and gold.dim_service from small admin-unit lists. */
class DimensionsTest {

  final SparkSession spark = SharedSpark.get();

  @Test
  void anOldWardGoesToItsPrimaryLinkAndListsEveryWardItWasSplitInto() {
    Row split =
        Dimensions.wards(spark, FakeAdminUnits.INSTANCE)
            .where("ward_code = '06007' AND era = 'PRE_REFORM'")
            .select("current_ward_code", "current_ward_codes", "current_province_code")
            .head();

    assertThat(split.getString(0)).isEqualTo("06001");
    assertThat(split.getList(1)).containsExactly("06001", "06007");
    assertThat(split.getString(2)).isEqualTo("20");
  }

  @Test
  void aCurrentWardMapsToItself() {
    Row current =
        Dimensions.wards(spark, FakeAdminUnits.INSTANCE)
            .where("ward_code = '06007' AND era = 'POST_REFORM'")
            .select("current_ward_code", "current_ward_codes", "valid_from")
            .head();

    assertThat(current.getString(0)).isEqualTo("06007");
    assertThat(current.getList(1)).containsExactly("06007");
    assertThat(current.getDate(2)).hasToString("2025-07-01");
  }

  @Test
  void everyWardAndProvinceCodeOfEachListIsKnownOnce() {
    List<String> known =
        Dimensions.knownUnits(spark, FakeAdminUnits.INSTANCE)
            .where("era = 'POST_REFORM'")
            .orderBy("unit_code")
            .collectAsList()
            .stream()
            .map(row -> row.getString(0))
            .toList();

    assertThat(known).containsExactly("06001", "06007", "06010", "07001", "20", "22");
  }

  @Test
  void theServicesAreTheEssentialOnesThenEveryOtherCodeSeenOnce() {
    List<Row> services =
        Dimensions.services(spark, List.of("X2", "ES01", "X1", "X2")).collectAsList();

    assertThat(services).hasSize(EssentialServices.NAMES.size() + 2);
    assertThat(services.subList(services.size() - 2, services.size()))
        .map(Row::toString)
        .containsExactly("[X1,null,false]", "[X2,null,false]");
  }
}
