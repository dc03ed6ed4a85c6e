package dev.sieve.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import org.junit.jupiter.api.Test;

/** The shipped logback.xml (not the tests' logback-test.xml), read into a context of its own. */
class LoggingConfigTest {

    private static LoggerContext shipped() throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LoggingConfigTest.class.getResource("/logback.xml"));
        return context;
    }

    @Test
    void pdfboxAndFontboxLogOnlyErrors() throws Exception {
        LoggerContext context = shipped();
        // The loggers that wrote ~30 warnings and stack traces for one PDF with a broken embedded font.
        for (String name : new String[] {"org.apache.fontbox.ttf.TTFParser", "org.apache.pdfbox.pdmodel.font.PDTrueTypeFont",
                "org.apache.pdfbox.pdmodel.font.FileSystemFontProvider", "org.apache.pdfbox.pdfparser.COSParser"}) {
            assertThat(context.getLogger(name).getEffectiveLevel()).as(name).isEqualTo(Level.ERROR);
        }
        assertThat(context.getLogger("dev.sieve.proxy.Main").isInfoEnabled()).isTrue();
        context.stop();
    }
}
