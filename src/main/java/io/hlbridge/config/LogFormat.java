package io.hlbridge.config;

/** {@code bridge.log.format}: how log lines are written. */
public enum LogFormat {
    /** One line per event: date, time, level, thread, logger, message. */
    TEXT,
    /** One JSON object per line (log4j's JSON template layout, ECS fields), for log collectors. */
    JSON
}
