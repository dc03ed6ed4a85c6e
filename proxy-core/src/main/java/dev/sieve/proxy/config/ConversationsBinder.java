package dev.sieve.proxy.config;

import dev.sieve.dlp.Action;
import dev.sieve.dlp.Category;
import dev.sieve.dlp.inspect.HistoryPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Validates {@code conversations:} into {@link ConversationSettings}, with {@link ConfigBinder}'s
 * {@code key: value (expected: ...)} errors naming file and line.
 */
final class ConversationsBinder {

    static final long MIN_STATE_BYTES = 64 * 1024;
    static final long MAX_STATE_BYTES = 16L * 1024 * 1024 * 1024;

    private final ConfigBinder binder;

    ConversationsBinder(ConfigBinder binder) {
        this.binder = binder;
    }

    ConversationSettings bind(ConfigDto.ConversationsDto d) {
        if (d.enabled == null) {
            throw binder.fail("conversations.enabled", "null", "true or false");
        }
        long maxBytes = binder.size("conversations.maxStateBytes", d.maxStateBytes, MIN_STATE_BYTES, MAX_STATE_BYTES);
        Duration expiry = binder.duration("conversations.idleExpiry", d.idleExpiry, Duration.ofMinutes(1),
                Duration.ofDays(7));
        Action history = action("conversations.history", d.history);
        Map<Category, Action> categories = new LinkedHashMap<>();
        if (d.historyCategories != null) {
            for (Map.Entry<String, String> e : d.historyCategories.entrySet()) {
                String path = "conversations.historyCategories." + e.getKey();
                Optional<Category> category = Category.parse(e.getKey());
                if (category.isEmpty()) {
                    throw binder.fail("conversations.historyCategories", "key " + ConfigBinder.quote(e.getKey()),
                            Category.EXPECTED);
                }
                categories.put(category.get(), action(path, e.getValue()));
            }
        }
        return new ConversationSettings(d.enabled, maxBytes, expiry, new HistoryPolicy(history, categories));
    }

    private Action action(String path, String value) {
        return binder.action(path, value);
    }
}
