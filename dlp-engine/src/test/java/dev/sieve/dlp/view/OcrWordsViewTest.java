package dev.sieve.dlp.view;

import static dev.sieve.dlp.view.DecodeGraphTest.chat;
import static dev.sieve.dlp.view.Fixtures.decode;
import static dev.sieve.dlp.view.Fixtures.meta;
import static dev.sieve.dlp.view.Media.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * OCR results' word lists joined ({@code |joined-words}): AWS Textract's WORD blocks, Azure's {@code words} and
 * Google Vision's {@code textAnnotations}, so a number OCR cut into one word a group is seen as the page printed it.
 * Other arrays of objects with a text are not joined.
 */
class OcrWordsViewTest {

    private static String block(String type, String text) {
        return "{\"BlockType\": \"" + type + "\", \"Confidence\": 99.1, \"Text\": \"" + text + "\", \"Geometry\": "
                + "{\"BoundingBox\": {\"Width\": 0.05, \"Height\": 0.01, \"Left\": 0.2, \"Top\": 0.3}}, \"Id\": \"b1\"}";
    }

    @Test
    void textractWordBlocksAreJoinedAndOtherBlocksSkipped() {
        String doc = "{\"DocumentMetadata\": {\"Pages\": 1}, \"Blocks\": [" + block("PAGE", "") + ", "
                + block("WORD", "Social") + ", " + block("WORD", "Security") + ", " + block("LINE", "x y") + ", "
                + block("WORD", "Number") + ", " + block("WORD", "536") + ", " + block("WORD", "22") + ", "
                + block("WORD", "8174") + "]}";
        Map<String, String> views = decode(meta("application/json", null), utf8(doc)).ok().views();
        assertThat(views).containsEntry("json:$.Blocks|joined-words", "Social Security Number 536 22 8174");
        // inside a tool result's text, as an agent sends it
        Map<String, String> nested = decode(meta("application/json", null), chat(doc)).ok().views();
        assertThat(nested).containsEntry("json:$.messages[0].content|json:$.Blocks|joined-words",
                "Social Security Number 536 22 8174");
    }

    @Test
    void azureAndGoogleWordListsAreJoined() {
        String azure = "{\"analyzeResult\": {\"readResults\": [{\"lines\": [{\"text\": \"4539 3272\", \"words\": ["
                + "{\"boundingBox\": [1, 2], \"text\": \"4539\", \"confidence\": 0.99}, "
                + "{\"boundingBox\": [3, 4], \"text\": \"3272\", \"confidence\": 0.99}, "
                + "{\"boundingBox\": [5, 6], \"text\": \"9518\", \"confidence\": 0.98}]}]}]}}";
        assertThat(decode(meta("application/json", null), utf8(azure)).ok().views()).containsEntry(
                "json:$.analyzeResult.readResults[0].lines[0].words|joined-words", "4539 3272 9518");
        String di = "{\"pages\": [{\"words\": [{\"content\": \"SSN\", \"polygon\": [1]}, {\"content\": \"219\"}, "
                + "{\"content\": \"45\"}, {\"content\": \"6780\"}]}]}";
        assertThat(decode(meta("application/json", null), utf8(di)).ok().views())
                .containsEntry("json:$.pages[0].words|joined-words", "SSN 219 45 6780");
        String google = "{\"responses\": [{\"textAnnotations\": [{\"locale\": \"en\", \"description\": \"SSN\"}, "
                + "{\"description\": \"219\", \"boundingPoly\": {}}, {\"description\": \"45\"}, "
                + "{\"description\": \"6780\"}]}]}";
        assertThat(decode(meta("application/json", null), utf8(google)).ok().views())
                .containsEntry("json:$.responses[0].textAnnotations|joined-words", "SSN 219 45 6780");
    }

    @Test
    void otherArraysAndShortListsAreNotJoined() {
        for (String doc : new String[] {
            // a messages-like array of objects with text, a Textract result of LINE blocks only, two words
            "{\"items\": [{\"text\": \"4539\"}, {\"text\": \"3272\"}, {\"text\": \"9518\"}, {\"text\": \"1753\"}]}",
            "{\"Blocks\": [" + block("LINE", "Invoice 4539") + ", " + block("LINE", "Total 3272") + ", "
                    + block("LINE", "Due 9518") + "]}",
            "{\"Blocks\": [" + block("WORD", "4539") + ", " + block("WORD", "3272") + "]}",
            "{\"words\": [\"4539\", \"3272\", \"9518\", \"1753\"]}"}) {
            assertThat(decode(meta("application/json", null), utf8(doc)).ok().views().keySet()).as(doc)
                    .noneMatch(p -> p.contains("joined-words"));
        }
    }
}
