package io.modelwatch.common.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelwatch.common.event.FeatureValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void csvCellsBecomeNumbersCategoriesOrMissingValues() throws Exception {
        Dataset data = DatasetReader.read(file("a.csv", "age,region,score\n41,north,0.5\n,south,NaN\n-3e2,\"east, far\",inf\n"));
        assertThat(data.rows()).isEqualTo(3);
        assertThat(data.columnNames()).containsExactly("age", "region", "score");
        assertThat(data.column("age")).containsExactly(
                new FeatureValue(41.0, "41"), FeatureValue.MISSING, new FeatureValue(-300.0, "-3e2"));
        assertThat(data.column("region")).containsExactly(
                FeatureValue.ofText("north"), FeatureValue.ofText("south"), FeatureValue.ofText("east, far"));
        assertThat(data.column("score")).containsExactly(
                new FeatureValue(0.5, "0.5"), FeatureValue.MISSING, FeatureValue.MISSING);
    }

    @Test
    void quotedCsvFieldsMayHoldQuotesAndLineBreaks() throws Exception {
        Dataset data = DatasetReader.read(file("q.csv", "note,n\r\n\"say \"\"hi\"\"\",1\r\n\"two\nlines\",2\r\n"));
        assertThat(data.column("note")).containsExactly(FeatureValue.ofText("say \"hi\""), FeatureValue.ofText("two\nlines"));
        assertThat(data.column("n")).extracting(FeatureValue::number).containsExactly(1.0, 2.0);
    }

    @Test
    void textThatOnlyLooksNumericStaysACategory() throws Exception {
        Dataset data = DatasetReader.read(file("c.csv", "code\n0x1F\n1d\n 5\n"));
        assertThat(data.column("code")).extracting(FeatureValue::number).containsOnlyNulls();
    }

    @Test
    void byteOrderMarkOfSpreadsheetExportsIsSkipped() throws Exception {
        Dataset data = DatasetReader.read(file("bom.csv", "\uFEFFage\n1\n"));
        assertThat(data.columnNames()).containsExactly("age");
    }

    @Test
    void raggedCsvRowNamesFileAndLine() throws Exception {
        Path csv = file("ragged.csv", "a,b\n1,2\n3\n");
        assertThatThrownBy(() -> DatasetReader.read(csv))
                .isInstanceOf(DatasetException.class)
                .hasMessage(csv + ":3: expected 2 fields as in the header, found 1");
    }

    @Test
    void unclosedQuoteNamesTheLineWhereItOpened() throws Exception {
        Path csv = file("open.csv", "a,b\n1,\"oops\n2,3\n");
        assertThatThrownBy(() -> DatasetReader.read(csv)).hasMessage(csv + ":2: a quoted field is never closed");
    }

    @Test
    void duplicateHeaderColumnIsAnError() throws Exception {
        Path csv = file("dup.csv", "a,a\n1,2\n");
        assertThatThrownBy(() -> DatasetReader.read(csv)).hasMessage(csv + ":1: column 'a' appears twice in the header");
    }

    @Test
    void emptyFileIsAnError() throws Exception {
        Path csv = file("empty.csv", "");
        assertThatThrownBy(() -> DatasetReader.read(csv)).hasMessage(csv + ": the file is empty (expected a header row)");
    }

    @Test
    void missingFileIsAnError() {
        Path nowhere = dir.resolve("nowhere.csv");
        assertThatThrownBy(() -> DatasetReader.read(nowhere)).hasMessage(nowhere + ": no such file");
    }

    @Test
    void flatJsonLinesAreColumnsAndAbsentKeysAreMissing() throws Exception {
        Dataset data = DatasetReader.read(file("f.jsonl", "{\"age\": 41, \"vip\": true}\n\n{\"age\": null, \"region\": \"north\"}\n"));
        assertThat(data.rows()).isEqualTo(2);
        assertThat(data.column("age")).containsExactly(new FeatureValue(41.0, "41"), FeatureValue.MISSING);
        assertThat(data.column("vip")).containsExactly(FeatureValue.ofText("true"), FeatureValue.MISSING);
        assertThat(data.column("region")).containsExactly(FeatureValue.MISSING, FeatureValue.ofText("north"));
    }

    @Test
    void predictionEventsGiveFeaturesPredictionsAndActualsOfTheChosenModel() throws Exception {
        Path events = file("e.jsonl", String.join("\n",
                "{\"prediction_id\":\"1\",\"model\":\"a\",\"timestamp\":0,\"features\":{\"x\":1},\"prediction\":\"1\",\"actual\":\"0\"}",
                "{\"prediction_id\":\"2\",\"model\":\"b\",\"timestamp\":0,\"features\":{\"x\":2},\"prediction\":\"1\"}",
                "{\"prediction_id\":\"3\",\"model\":\"a\",\"timestamp\":0,\"features\":{\"x\":3},\"error\":\"timeout\"}",
                "{\"prediction_id\":\"4\",\"model\":\"a\",\"timestamp\":0,\"features\":{\"x\":4},\"prediction\":\"0\",\"actual\":\"0\"}"));
        Dataset data = DatasetReader.read(events, "a");
        assertThat(data.column("x")).extracting(FeatureValue::number).containsExactly(1.0, 4.0);
        assertThat(data.predictions()).containsExactly("1", "0");
        assertThat(data.actuals()).containsExactly("0", "0");
        assertThat(data.hasOutcomes()).isTrue();
    }

    @Test
    void invalidEventNamesLineAndField() throws Exception {
        Path events = file("bad.jsonl", "{\"prediction_id\":\"1\",\"model\":\"a\",\"features\":{},\"prediction\":\"1\"}\n");
        assertThatThrownBy(() -> DatasetReader.read(events)).hasMessage(events + ":1: timestamp: is required");
    }

    @Test
    void brokenJsonLineNamesItsLine() throws Exception {
        Path jsonl = file("broken.jsonl", "{\"a\": 1}\n{\"a\": \n");
        assertThatThrownBy(() -> DatasetReader.read(jsonl)).hasMessageStartingWith(jsonl + ":2: not valid JSON");
    }

    @Test
    void nestedValueInFlatJsonIsAnError() throws Exception {
        Path jsonl = file("nested.jsonl", "{\"a\": [1]}\n");
        assertThatThrownBy(() -> DatasetReader.read(jsonl))
                .hasMessage(jsonl + ":1: field 'a': expected a number, string, boolean or null");
    }

    @Test
    void outcomeColumnsAreTakenOutOfTheFeatures() throws Exception {
        Dataset data = DatasetReader.read(file("o.csv", "x,y,p\n1,0,1\n2,1,1\n")).withOutcomeColumns("p", "y");
        assertThat(data.columnNames()).containsExactly("x");
        assertThat(data.predictions()).containsExactly("1", "1");
        assertThat(data.actuals()).containsExactly("0", "1");
    }

    @Test
    void aFailedRequestsEventWithoutFeaturesIsSkippedNotTurnedIntoColumns() throws Exception {
        Path events = file("failed.jsonl", String.join("\n",
                "{\"prediction_id\":\"1\",\"model\":\"a\",\"timestamp\":0,\"features\":{\"x\":1},\"prediction\":\"1\"}",
                "{\"prediction_id\":\"2\",\"model\":\"a\",\"timestamp\":0,\"error\":\"timeout\",\"latency_ms\":5000}",
                "{\"prediction_id\":\"3\",\"model\":\"b\",\"timestamp\":0,\"features\":{\"x\":3},\"prediction\":\"0\"}",
                "{\"prediction_id\":\"4\",\"model\":\"a\",\"timestamp\":0,\"features\":{\"x\":4},\"prediction\":\"0\"}"));
        Dataset data = DatasetReader.read(events, "a");
        assertThat(data.columnNames()).containsExactly("x");
        assertThat(data.rows()).isEqualTo(2);
        assertThat(data.skippedFailedEvents()).isEqualTo(1);
        assertThat(data.skippedOtherModels()).isEqualTo(1);
        assertThat(data.lineOf(0)).isEqualTo(1);
        assertThat(data.lineOf(1)).isEqualTo(4);
    }

    @Test
    void rowsRememberTheirLineAcrossHeaderBlankLinesAndQuotedLineBreaks() throws Exception {
        Dataset data = DatasetReader.read(file("lines.csv", "note,n\n\"two\nlines\",1\n\nx,2\n"));
        assertThat(data.rows()).isEqualTo(2);
        assertThat(data.where(0)).endsWith("lines.csv:2");
        assertThat(data.where(1)).endsWith("lines.csv:5");
    }

    @Test
    void rowsThatEachBringNewColumnsStopAtTheColumnBoundNamingTheLine() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int row = 0; row < Dataset.MAX_COLUMNS / 100 + 1; row++) {
            lines.append('{');
            for (int column = 0; column < 100; column++) {
                lines.append(column == 0 ? "" : ",").append("\"c").append(row).append('_').append(column).append("\":1");
            }
            lines.append("}\n");
        }
        Path wide = file("wide.jsonl", lines.toString());
        assertThatThrownBy(() -> DatasetReader.read(wide)).hasMessage(wide + ":101: this line brings the number of distinct "
                + "columns to 10100, more than the 10000 a dataset may have (do the rows name their features consistently?)");
    }

    @Test
    void bytesThatAreNotUtf8NameTheirLineEvenPastTheReadersBuffer() throws Exception {
        Path csv = dir.resolve("latin1.csv");
        byte[] start = ("city,n\n" + "Berlin,1\n".repeat(20_000)).getBytes(StandardCharsets.UTF_8);
        byte[] bad = "M\u00fcnchen,2\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[start.length + bad.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(bad, 0, all, start.length, bad.length);
        Files.write(csv, all);
        assertThatThrownBy(() -> DatasetReader.read(csv))
                .hasMessage(csv + ":20002: not UTF-8 text (byte 0xFC at byte 2 of the line); save the file as UTF-8");
    }
}
