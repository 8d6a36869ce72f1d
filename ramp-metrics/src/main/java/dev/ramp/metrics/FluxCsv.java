package dev.ramp.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The values of a Flux query's answer in InfluxDB 2.x's annotated CSV: tables separated by blank
 * lines, each with {@code #datatype}, {@code #group} and {@code #default} annotation rows, a
 * header row and data rows; one Double per data row, from its {@code _value} column, tables in
 * the order InfluxDB wrote them. An error met while the answer was streamed comes as a table of
 * columns {@code error} and {@code reference}.
 */
final class FluxCsv {
  private FluxCsv() {}

  static List<Double> values(String body) throws MeasurementException {
    List<Double> values = new ArrayList<>();
    List<String> header = null;
    List<String> defaults = List.of();
    int line = 0;
    for (List<String> record : records(body)) {
      line++;
      if (record.size() == 1 && record.get(0).isEmpty()) {
        header = null; // a blank line: the next table brings its own annotations and header
        defaults = List.of();
      } else if (record.get(0).startsWith("#")) {
        if (record.get(0).equals("#default")) {
          defaults = record;
        }
      } else if (header == null) {
        header = header(record);
      } else {
        values.add(value(header, defaults, record, line));
      }
    }
    return values;
  }

  /** A table's header: its columns must hold _value, unless it is the table of an error. */
  private static List<String> header(List<String> columns) throws MeasurementException {
    if (!columns.contains("_value") && !isError(columns)) {
      throw new MeasurementException("the answer has a table without a _value column (columns "
          + String.join(", ", columns.stream().filter(name -> !name.isEmpty()).toList())
          + "); the query must keep _value, or the answer is not InfluxDB's annotated CSV");
    }
    return columns;
  }

  private static boolean isError(List<String> columns) {
    return columns.contains("error") && columns.contains("reference")
        && !columns.contains("_value");
  }

  private static double value(List<String> header, List<String> defaults, List<String> row,
      int line) throws MeasurementException {
    if (row.size() != header.size()) {
      throw new MeasurementException("line " + line + " has " + row.size() + " cells where its"
          + " header has " + header.size() + ": the answer is cut short or not InfluxDB's CSV");
    }
    if (isError(header)) {
      throw new MeasurementException("the query failed: " + row.get(header.indexOf("error")));
    }
    int column = header.indexOf("_value");
    String text = row.get(column).isEmpty() && column < defaults.size() ? defaults.get(column)
        : row.get(column);
    if (text.isEmpty()) {
      throw new MeasurementException("line " + line + " has no _value (null): a partial"
          + " series, which proves nothing");
    }
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new MeasurementException("line " + line + "'s _value is not a number");
    }
    if (Double.isNaN(value)) {
      throw new MeasurementException("line " + line + "'s _value is NaN");
    }
    return value;
  }

  /** RFC 4180 records: quoted cells may hold commas, quotes (doubled) and line breaks. */
  private static List<List<String>> records(String body) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    String text = body == null ? "" : body;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        record.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\n') {
        record.add(cell.toString());
        records.add(record);
        record = new ArrayList<>();
        cell.setLength(0);
      } else if (c != '\r') {
        cell.append(c);
      }
    }
    if (cell.length() > 0 || !record.isEmpty()) {
      record.add(cell.toString());
      records.add(record);
    }
    return records;
  }
}
