package vn.da06.jobs.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.da06.jobs.generate.GeneratorSummary.DailyReportCounts;

/**
 * Generates every row of one unit of work (a current ward and the pre-reform wards that become it):
 * its residents, their population records at each snapshot, their e-ID applications and service
 * dossiers, and the wards' daily reports; and counts the expected gold figures from the rows it
 * writes.
 */
final class UnitGenerator extends UnitPart {

  /** The result of one unit. */
  record Result(
      List<WardMonthTable.Row> rows,
      Map<String, long[]> fileStats,
      long acceptedApplications,
      long quarantinedApplications,
      long acceptedDossiers,
      long quarantinedDossiers,
      DailyReportCounts dailyReports,
      List<String> sampleCitizenIds) {}

  UnitGenerator(Plan plan, Plan.Unit unit, ChunkWriter chunks) {
    super(plan, unit, chunks);
  }

  Result run() {
    new Residents(this).createPeople();
    new PopulationRows(this).writePopulation();
    ApplicationRows applications = new ApplicationRows(this);
    DossierRows dossiers = new DossierRows(this);
    for (Person person : people) {
      applications.applicationsOf(person);
      dossiers.dossiersOf(person);
    }
    Plants.Place planted = plan.plants.at(unit.index());
    if (planted != null && planted.kind() == Plants.Kind.SURGE) {
      applications.plantSurge(planted);
    }
    DailyReportCounts reports = new DailyReportRows(this).writeDailyReports();
    List<String> samples = new ArrayList<>();
    for (Person person : people) {
      if (samples.size() >= 6) {
        break;
      }
      if (person.firstActivation != null) {
        samples.add(person.id);
      }
    }
    return new Result(
        table.rows(),
        stats,
        applications.accepted,
        applications.quarantined,
        dossiers.accepted,
        dossiers.quarantined,
        reports,
        samples);
  }
}
