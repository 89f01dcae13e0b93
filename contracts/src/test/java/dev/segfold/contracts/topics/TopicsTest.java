package dev.segfold.contracts.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void everyTopicOnceWithDeadLettersPerService() {
        var names = Topics.all().stream().map(TopicSpec::name).toList();
        assertEquals(names.size(), new HashSet<>(names).size());
        assertTrue(names.containsAll(Topics.main()));
        assertEquals(Topics.main().size() + Service.values().length, names.size());
        assertEquals("segfold.dead-letter.trainer-service", Service.TRAINER.deadLetterTopic());
        assertEquals(Topics.FOLD_REQUEST_PARTITIONS, Topics.all().get(0).partitions());
    }

    @Test
    void keysRoundTrip() {
        assertEquals("r1/1/4", EventKeys.fold("r1", 1, 4));
        assertEquals(new EventKey("r1", 1, 4), EventKeys.parse("r1/1/4"));
        EventKey run = EventKeys.parse("r1");
        assertFalse(run.foldScoped());
        assertEquals("r1", run.toString());
        assertThrows(IllegalArgumentException.class, () -> EventKeys.parse("r1/1"));
        assertThrows(IllegalArgumentException.class, () -> EventKeys.parse("r1/x/4"));
        assertThrows(IllegalArgumentException.class, () -> EventKeys.parse("../1/4"));
        assertThrows(IllegalArgumentException.class, () -> EventKeys.fold("a/b", 0, 0));
    }
}
