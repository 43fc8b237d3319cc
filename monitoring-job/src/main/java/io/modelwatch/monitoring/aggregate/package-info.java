/**
 * The types of the monitoring job's state whose class names savepoints hold, under the names the
 * previous release (commit 43e83d7) gave them: Flink's POJO serializer writes the class of a key
 * or a value into the savepoint, and a serializer's snapshot its own class, and a savepoint
 * restores only if each of these classes is found under that name again. So the keys of the
 * window and merge steps, the key of the merge step's map of partials, and the window
 * accumulator's serializer stay here, although the operators that use them moved to
 * {@code io.modelwatch.monitoring.flink}.
 *
 * <p>Never move or rename a class of this package, nor a field of its records: a savepoint that
 * names the old class does not restore, nor one whose key has a field of another name or type.
 * {@code MonitoringSavepointCompatibilityTest} restores a savepoint of the previous release, and
 * checks that every class it names is found under that name.
 */
package io.modelwatch.monitoring.aggregate;
