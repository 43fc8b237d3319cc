/**
 * Window reports as the trigger job reads them ({@link io.modelwatch.retraining.report.ReportEnvelope})
 * and the (model, version) key of its rule state ({@link io.modelwatch.retraining.report.ModelVersionKey}).
 *
 * <p>Both are in the job's keyed state, serialized by Flink's POJO serializer, which writes their
 * class names into every savepoint; a savepoint restores only if each is found under that name
 * again, as the previous release (commit 43e83d7) named them. Never move or rename them, nor change
 * a field of the key; a field of the envelope (or of the window report it holds) may be added or
 * removed, not renamed (its data would be lost without an error) or given another type
 * ({@code StateSchemaTest} pins their shape). {@code TriggerSavepointCompatibilityTest}
 * restores a savepoint of the previous release and checks that every class it names is found.
 */
package io.modelwatch.retraining.report;
