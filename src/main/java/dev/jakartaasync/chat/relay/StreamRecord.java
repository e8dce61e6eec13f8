package dev.jakartaasync.chat.relay;

import java.util.Map;

/** One entry read from the stream, as Redis has it: any fields, well-formed or not. */
record StreamRecord(String id, Map<String, String> fields) {}
