import hex.genmodel.MojoModel;
import hex.genmodel.easy.EasyPredictModelWrapper;
import hex.genmodel.easy.RowData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java anchor of the evaluator bench (bench/java-anchor.ts compiles and runs it): rows of
 * input.csv as column → string cells (an empty cell is absent), scored and rendered to a
 * prediction object by h2o-genmodel's EasyPredictModelWrapper on one thread — the work of our
 * "strings → record" figure. Prints one JSON line: {"rowsPerSec": …, "rows": …}.
 *
 * Arguments: model.zip, input.csv, leading rows to skip (the fixture's edge rows), seconds to
 * time, and optionally seconds of warm-up (default 2).
 */
public final class EvaluatorAnchor {
  public static void main(String[] args) throws Exception {
    int skip = Integer.parseInt(args[2]);
    double seconds = Double.parseDouble(args[3]);
    double warmUp = args.length > 4 ? Double.parseDouble(args[4]) : 2;
    // The fixtures' expected outputs were produced with this configuration.
    EasyPredictModelWrapper wrapper = new EasyPredictModelWrapper(new EasyPredictModelWrapper.Config()
        .setModel(MojoModel.load(args[0]))
        .setConvertUnknownCategoricalLevelsToNa(true)
        .setConvertInvalidNumbersToNa(true)
        .setUseExtendedOutput(true));
    List<List<String>> lines = csv(new String(Files.readAllBytes(Paths.get(args[1])), StandardCharsets.UTF_8));
    List<String> header = lines.get(0);
    List<RowData> kept = new ArrayList<>();
    for (int r = 1 + skip; r < lines.size(); r++) {
      List<String> cells = lines.get(r);
      RowData row = new RowData();
      for (int c = 0; c < header.size() && c < cells.size(); c++) {
        if (!cells.get(c).isEmpty()) row.put(header.get(c), cells.get(c));
      }
      // A row the model refuses would time the exception path; like ours, keep the scorable ones.
      try {
        wrapper.predict(row);
        kept.add(row);
      } catch (Exception e) {
        continue;
      }
    }
    RowData[] rows = kept.toArray(new RowData[0]);
    time(wrapper, rows, warmUp);
    System.out.println("{\"rowsPerSec\":" + time(wrapper, rows, seconds) + ",\"rows\":" + rows.length + "}");
  }

  /** Rows per second of predict() over the rows, repeated for `seconds`. */
  private static double time(EasyPredictModelWrapper wrapper, RowData[] rows, double seconds) throws Exception {
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long now = start;
    long done = 0;
    int sink = 0;
    while (now < end) {
      for (RowData row : rows) {
        if (wrapper.predict(row) != null) sink++;
      }
      done += rows.length;
      now = System.nanoTime();
    }
    if (sink == -1) System.out.println();
    return done / ((now - start) / 1e9);
  }

  /** RFC 4180 cells: quoted fields may hold commas, doubled quotes and line breaks. */
  private static List<List<String>> csv(String text) {
    List<List<String>> lines = new ArrayList<>();
    List<String> line = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch != '"') cell.append(ch);
        else if (i + 1 < n && text.charAt(i + 1) == '"') cell.append(text.charAt(++i));
        else quoted = false;
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        line.add(cell.toString());
        cell.setLength(0);
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') i++;
        line.add(cell.toString());
        cell.setLength(0);
        lines.add(line);
        line = new ArrayList<>();
      } else {
        cell.append(ch);
      }
    }
    if (cell.length() > 0 || !line.isEmpty()) {
      line.add(cell.toString());
      lines.add(line);
    }
    return lines;
  }
}
