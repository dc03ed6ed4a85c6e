package dev.sieve.proxy.arch;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * No package cycle among proxy-core's packages ({@code dev.sieve.proxy.*}): dependencies point one way, so that a
 * package can be read, tested and moved with what it depends on only. The composition root
 * ({@code dev.sieve.proxy} itself: {@code SieveServer}, {@code Components}, ...) depends on everything and is no
 * slice. Checked on the compiled classes by ArchUnit (compile-time references, not javadoc links).
 */
class PackageCyclesTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sieve.proxy");

    @Test
    void proxyCorePackagesAreFreeOfCycles() {
        slices().matching("dev.sieve.proxy.(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
