/**
 * Compacted control topics: records that change what a running job does (reference profiles,
 * retraining rules), read by the jobs as broadcast streams and written by the command line.
 */
package io.modelwatch.common.control;
