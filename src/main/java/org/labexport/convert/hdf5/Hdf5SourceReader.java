package org.labexport.convert.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.labexport.convert.Column;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ConversionException;
import org.labexport.convert.ReadSettings;
import org.labexport.convert.SourceReader;
import org.labexport.convert.TableReader;
import org.labexport.convert.TableSchema;

/**
 * Finds the tables of an HDF5 file: every group in LabExport's layout, and every plain 1-D or 2-D dataset of
 * numbers (or strings, 1-D) that other tools such as h5py write. Tables are named by their path without the
 * leading slash.
 */
public final class Hdf5SourceReader implements SourceReader {
    private static final org.slf4j.Logger LOG_DAMAGED = org.slf4j.LoggerFactory.getLogger(Hdf5SourceReader.class);
    /** Attributes other tools use to name the columns of a 2-D dataset, tried in order. */
    private static final List<String> NAME_ATTRIBUTES = List.of("column_names", "columns", "names", "colnames");

    @Override
    public List<String> tables(Path source, ReadSettings settings) throws IOException {
        try (HdfFile hdf = openFile(source)) {
            List<String> tables = new ArrayList<>();
            collect(hdf, tables);
            if (tables.isEmpty()) {
                throw new ConversionException(source.getFileName() + " holds no table: no LabExport table group and"
                        + " no 1-D or 2-D numeric dataset.");
            }
            return tables;
        } catch (RuntimeException e) {
            throw damaged(source, e);
        }
    }

    @Override
    public TableReader open(Path source, String table, ReadSettings settings) throws IOException {
        HdfFile hdf = openFile(source);
        try {
            Node node = find(hdf, table);
            if (node == null) {
                throw new ConversionException(source.getFileName() + " has no table '" + table + "'.");
            }
            long size = Files.size(source);
            if (node instanceof Group g && isLabExportTable(g)) {
                return openLabExport(source, hdf, g, size, settings);
            }
            if (node instanceof Dataset d && plainType(d).isPresent()) {
                return openPlain(source, hdf, d, size, settings);
            }
            throw new ConversionException(source.getFileName() + ": '" + table
                    + "' is neither a LabExport table nor a 1-D or 2-D numeric dataset.");
        } catch (ConversionException e) {
            hdf.close();
            throw e;
        } catch (RuntimeException e) {
            hdf.close();
            throw damaged(source, e);
        }
    }

    private static Node find(HdfFile hdf, String table) {
        if (table == null) {
            return null;
        }
        try {
            return hdf.getByPath("/" + table);
        } catch (io.jhdf.exceptions.HdfInvalidPathException e) {
            return null;
        }
    }

    private static HdfFile openFile(Path source) throws ConversionException {
        try {
            return new HdfFile(source);
        } catch (RuntimeException e) {
            String m = String.valueOf(e.getMessage());
            throw new ConversionException(source.getFileName() + (m.contains("signature")
                    ? " is not an HDF5 file: it does not start with the HDF5 signature (empty, or another kind of file)."
                    : " is not a readable HDF5 file: its superblock (the file's header) is damaged."), e);
        }
    }

    private static ConversionException damaged(Path source, RuntimeException e) {
        LOG_DAMAGED.debug("HDF5 structure of {} cannot be read", source, e);
        return new ConversionException(source.getFileName() + " is a damaged or unsupported HDF5 file: its groups"
                + " and datasets cannot be read (it may be truncated, or use HDF5 features LabExport does not read).",
                e);
    }

    private static void collect(Group group, List<String> tables) {
        for (Node child : group.getChildren().values()) {
            if (child instanceof Group g) {
                if (isLabExportTable(g)) {
                    tables.add(strip(g.getPath()));
                } else {
                    collect(g, tables);
                }
            } else if (child instanceof Dataset d && !d.getName().endsWith(Hdf5Layout.MASK_SUFFIX)
                    && plainType(d).isPresent()) {
                tables.add(strip(d.getPath()));
            }
        }
    }

    private static String strip(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static boolean isLabExportTable(Group g) {
        return g.getAttribute(Hdf5Layout.ATTR_COLUMNS) != null && g.getAttribute(Hdf5Layout.ATTR_TYPES) != null;
    }

    /** The column type of a plain dataset of another tool, if it is a 1-D or 2-D array of a simple type. */
    private static Optional<ColumnType> plainType(Dataset d) {
        if (d.isScalar() || d.isCompound() || d.isEmpty()) {
            return Optional.empty();
        }
        int rank = d.getDimensions().length;
        Class<?> t = d.getJavaType();
        if (rank == 1 && t == String.class) {
            return Optional.of(ColumnType.STRING);
        }
        if (rank != 1 && rank != 2) {
            return Optional.empty();
        }
        if (t == long.class || t == int.class || t == short.class || t == byte.class) {
            return Optional.of(ColumnType.LONG);
        }
        if (t == double.class || t == float.class) {
            return Optional.of(ColumnType.DOUBLE);
        }
        if (t == boolean.class) {
            return Optional.of(ColumnType.BOOLEAN);
        }
        return Optional.empty();
    }

    private static TableReader openPlain(Path source, HdfFile hdf, Dataset d, long size, ReadSettings settings)
            throws ConversionException {
        ColumnType type = plainType(d).orElseThrow();
        int[] dims = d.getDimensions();
        List<Column> columns = new ArrayList<>();
        List<Hdf5TableReader.Source> sources = new ArrayList<>();
        if (dims.length == 1) {
            columns.add(new Column(d.getName(), type));
            sources.add(new Hdf5TableReader.Source(d, -1, type, null));
        } else {
            String[] names = columnNames(d, dims[1]);
            for (int c = 0; c < dims[1]; c++) {
                columns.add(new Column(names[c], type));
                sources.add(new Hdf5TableReader.Source(d, c, type, null));
            }
        }
        return new Hdf5TableReader(source, hdf, new TableSchema(columns), sources, dims[0], size, settings.cancel());
    }

    private static String[] columnNames(Dataset d, int width) {
        for (String attr : NAME_ATTRIBUTES) {
            Attribute a = d.getAttribute(attr);
            if (a != null && a.getData() instanceof String[] names && names.length == width) {
                return names;
            }
        }
        String[] names = new String[width];
        for (int c = 0; c < width; c++) {
            names[c] = "col_" + c;
        }
        return names;
    }

    private static TableReader openLabExport(Path source, HdfFile hdf, Group g, long size, ReadSettings settings)
            throws ConversionException {
        String where = source.getFileName() + ", table '" + strip(g.getPath()) + "'";
        String[] names = stringArray(g, Hdf5Layout.ATTR_COLUMNS, where);
        String[] types = stringArray(g, Hdf5Layout.ATTR_TYPES, where);
        Attribute datasetsAttr = g.getAttribute(Hdf5Layout.ATTR_DATASETS);
        String[] datasets = datasetsAttr == null ? names : stringArray(g, Hdf5Layout.ATTR_DATASETS, where);
        if (types.length != names.length || datasets.length != names.length) {
            throw new ConversionException(where + ": the column, type and dataset lists differ in length.");
        }
        Attribute rowsAttr = g.getAttribute(Hdf5Layout.ATTR_ROWS);
        long rows = rowsAttr == null ? -1 : ((Number) rowsAttr.getData()).longValue();
        List<Column> columns = new ArrayList<>();
        List<Hdf5TableReader.Source> sources = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            ColumnType type = typeOf(types[i], where, names[i]);
            columns.add(new Column(names[i], type));
            if (rows == 0) {
                continue;
            }
            Dataset d = dataset(g, datasets[i], where, names[i]);
            long length = d.getDimensions().length == 1 ? d.getDimensions()[0] : -2;
            if (rows < 0) {
                rows = length;
            }
            if (length != rows) {
                throw new ConversionException(where + ": column '" + names[i] + "' has " + length
                        + " values, the table " + rows + " rows.");
            }
            Dataset mask = null;
            Attribute maskAttr = d.getAttribute(Hdf5Layout.ATTR_NULL_MASK);
            if (maskAttr != null) {
                mask = dataset(g, maskAttr.getData().toString(), where, names[i]);
            }
            sources.add(new Hdf5TableReader.Source(d, -1, type, mask));
        }
        return new Hdf5TableReader(source, hdf, new TableSchema(columns), sources, Math.max(rows, 0), size,
                settings.cancel());
    }

    private static Dataset dataset(Group g, String name, String where, String column) throws ConversionException {
        Node n = g.getChildren().get(name);
        if (n instanceof Dataset d) {
            return d;
        }
        throw new ConversionException(where + ": the dataset '" + name + "' of column '" + column + "' is missing.");
    }

    private static ColumnType typeOf(String wire, String where, String column) throws ConversionException {
        for (ColumnType t : ColumnType.values()) {
            if (t.wireName().equals(wire)) {
                return t;
            }
        }
        throw new ConversionException(where + ": column '" + column + "' has an unknown type '" + wire + "'.");
    }

    private static String[] stringArray(Group g, String attr, String where) throws ConversionException {
        Object data = g.getAttribute(attr).getData();
        if (data instanceof String[] s) {
            return s;
        }
        if (data instanceof String s) {
            return new String[] {s};
        }
        throw new ConversionException(where + ": attribute " + attr + " is not a list of strings.");
    }
}
