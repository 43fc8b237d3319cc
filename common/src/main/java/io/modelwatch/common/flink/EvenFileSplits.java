package io.modelwatch.common.flink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Splits each file into as many byte ranges of equal length as the source has subtasks (files
 * under a directory, recursively, each on its own), so that each subtask reads one part of a file
 * from its beginning to its end: its records come in file order, and its watermark only moves
 * forward. Files under 1 MB are one split. The readers align each range to whole lines.
 */
final class EvenFileSplits implements FileEnumerator {
    private static final long MIN_SPLIT_BYTES = 1 << 20;

    private int nextId;

    @Override
    public Collection<FileSourceSplit> enumerateSplits(Path[] paths, int minDesiredSplits) throws IOException {
        List<FileSourceSplit> splits = new ArrayList<>();
        for (Path path : paths) {
            FileSystem fs = path.getFileSystem();
            addSplits(fs, fs.getFileStatus(path), Math.max(1, minDesiredSplits), splits);
        }
        return splits;
    }

    private void addSplits(FileSystem fs, FileStatus file, int parts, List<FileSourceSplit> splits) throws IOException {
        if (file.isDir()) {
            for (FileStatus child : fs.listStatus(file.getPath())) {
                String name = child.getPath().getName();
                if (!name.startsWith(".") && !name.startsWith("_")) {
                    addSplits(fs, child, parts, splits);
                }
            }
            return;
        }
        long length = file.getLen();
        int count = (int) Math.max(1, Math.min(parts, length / MIN_SPLIT_BYTES));
        long start = 0;
        for (int i = 1; i <= count; i++) {
            long end = i == count ? length : length / count * i;
            splits.add(new FileSourceSplit(Integer.toString(nextId++), file.getPath(), start, end - start,
                    file.getModificationTime(), length));
            start = end;
        }
    }
}
