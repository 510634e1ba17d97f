package dev.peregrine.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pipeline is visible in the package tree and dependencies point one way: a package may use
 * the ones before it in {@link #PIPELINE}, never the ones after it. {@code auditpolicy} stands
 * beside the pipeline and may use only {@code diag} and {@code event}.
 */
class LayeringTest {
  static final List<String> PIPELINE = List.of(
      "diag", "event", "lang", "rules", "field", "engine", "output", "metrics", "source", "bench",
      "loadgen", "cli");

  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        // the core module's test helpers reach these tests as a test jar
        .withImportOption(location -> !location.contains("-tests.jar"))
        .importPackages("dev.peregrine");
  }

  @Test
  void pipelinePackages_dependOnlyOnEarlierStages() {
    for (int i = 0; i < PIPELINE.size(); i++) {
      for (int j = i + 1; j < PIPELINE.size(); j++) {
        noClasses().that().resideInAPackage(pkg(PIPELINE.get(i)))
            .should().dependOnClassesThat().resideInAPackage(pkg(PIPELINE.get(j)))
            .allowEmptyShould(true)
            .because(PIPELINE.get(i) + " comes before " + PIPELINE.get(j) + " in the pipeline")
            .check(classes);
      }
    }
  }

  @Test
  void auditPolicy_usesOnlyDiagAndEvent() {
    for (String p : PIPELINE) {
      if (p.equals("diag") || p.equals("event") || p.equals("cli")) {
        continue;
      }
      noClasses().that().resideInAPackage(pkg("auditpolicy"))
          .should().dependOnClassesThat().resideInAPackage(pkg(p))
          .allowEmptyShould(true)
          .check(classes);
      noClasses().that().resideInAPackage(pkg(p))
          .should().dependOnClassesThat().resideInAPackage(pkg("auditpolicy"))
          .allowEmptyShould(true)
          .check(classes);
    }
  }

  @Test
  void corePackages_useNoHttpOrCliFramework() {
    noClasses().that().resideInAnyPackage(pkg("diag"), pkg("event"), pkg("lang"), pkg("rules"),
            pkg("field"), pkg("engine"), pkg("output"), pkg("auditpolicy"))
        .should().dependOnClassesThat().resideInAnyPackage("picocli..", "org.eclipse.jetty..")
        .check(classes);
  }

  private static String pkg(String name) {
    return "dev.peregrine." + name + "..";
  }
}
