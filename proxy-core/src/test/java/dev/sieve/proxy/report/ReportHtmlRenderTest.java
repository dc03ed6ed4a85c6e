package dev.sieve.proxy.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sieve.proxy.audit.AuditVerification;
import dev.sieve.proxy.audit.AuditVerifier;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report renders in headless Chromium (Debian {@code chromium}; skipped only where it is not installed):
 * the screenshot decodes, has the window's size, is not blank, and shows the blocked colour of the charts.
 *
 * <p>{@code mvn -B -o -pl proxy-core -am test -Dtest=ReportHtmlRenderTest -Dsieve.report.writeScreenshot=true
 * -Dsurefire.failIfNoSpecifiedTests=false} also writes the screenshot of the sample week ({@link ReportSample}) to
 * docs/report.png.
 */
class ReportHtmlRenderTest {
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 1800;

    @TempDir
    Path dir;

    @Test
    void theSampleWeekRendersInHeadlessChromium() throws Exception {
        Optional<Path> chromium = chromium();
        assumeTrue(chromium.isPresent(), "chromium is not installed");
        Path audit = Files.createDirectories(dir.resolve("audit"));
        ReportSample.write(audit);
        AuditVerification chain = AuditVerifier.verifySealed(ReportFixtures.files(audit), ReportFixtures.KEY);
        assertThat(chain.ok()).as(chain.describe()).isTrue();
        KpiReport report = new ReportBuilder(ReportSample.SINCE, ReportSample.UNTIL, Optional.empty(),
                Duration.ofMinutes(30), 8).build(ReportFixtures.files(audit), ReportSample.UNTIL,
                Optional.of(chain.describe()));
        Path html = Files.writeString(dir.resolve("report.html"), ReportHtml.render(report), StandardCharsets.UTF_8);
        Path png = dir.resolve("report.png");

        List<String> command = new ArrayList<>(List.of(chromium.get().toString(), "--headless", "--disable-gpu",
                "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile"), "--screenshot=" + png,
                "--window-size=" + WIDTH + "," + HEIGHT));
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--no-sandbox");
        }
        command.add(html.toUri().toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log")
                .toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(png).as(Files.readString(dir.resolve("chromium.log"))).exists();

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(WIDTH);
        assertThat(image.getHeight()).isEqualTo(HEIGHT);
        Set<Integer> colours = new HashSet<>();
        int blocked = 0;
        for (int y = 0; y < HEIGHT; y += 2) {
            for (int x = 0; x < WIDTH; x += 2) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (near(rgb, 0xd55e00)) {
                    blocked++;
                }
            }
        }
        assertThat(colours).as("not a blank page").hasSizeGreaterThan(50);
        assertThat(blocked).as("the blocked segments and KPI accent are drawn").isGreaterThan(30);

        if (Boolean.getBoolean("sieve.report.writeScreenshot")) {
            Files.copy(png, Path.of("..", "docs", "report.png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static boolean near(int rgb, int target) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((rgb >> shift) & 0xff) - ((target >> shift) & 0xff)) > 12) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Path> chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
                Path candidate = Path.of(d, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
