package dev.jakartaasync.chat.relay;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line as the relay writes it to the stream: which instance said it ({@code node}), its place
 * in that instance's sequence ({@code seq}, from 1, no holes unless lines were dropped), and the
 * text exactly as the members receive it. {@code node} + {@code seq} identify the line, so that a
 * line appended twice (a retry after a lost reply) is delivered once.
 *
 * @param bytes the text's UTF-8 size, for the outbox bound
 */
record RelayEntry(String node, long seq, String text, int bytes) {

  static final String NODE = "node";
  static final String SEQ = "seq";
  static final String TEXT = "text";

  Map<String, String> fields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(NODE, node);
    fields.put(SEQ, Long.toString(seq));
    fields.put(TEXT, text);
    return fields;
  }
}
