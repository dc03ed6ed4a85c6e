package dev.sieve.proxy.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamSinkTest {

    @Test
    void aFailingStandardOutputFailsTheSinkInsteadOfLosingLinesSilently() throws IOException {
        // System.out is a PrintStream, which swallows write errors (a closed pipe to the log shipper): the sink
        // must notice, so that the audit log fails closed as it does for a full disk.
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        AuditSink sink = AuditSinks.stream(new PrintStream(broken, true));

        sink.write("{\"seq\":1}\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(sink::flush).isInstanceOf(IOException.class).hasMessageContaining("standard output");
    }

    @Test
    void aWorkingStreamGetsEveryLine() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditSink sink = AuditSinks.stream(new PrintStream(out, false));

        sink.write("a\n".getBytes(StandardCharsets.UTF_8));
        sink.write("b\n".getBytes(StandardCharsets.UTF_8));
        sink.flush();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a\nb\n");
    }
}
