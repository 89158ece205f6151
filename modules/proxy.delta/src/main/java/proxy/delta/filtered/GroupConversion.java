package proxy.delta.filtered;

import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Copies a row of one Parquet schema into another by field name (a v2 sidecar's rows into the manifest's schema).
 * A non-null field the target lacks, or a field whose type differs, fails closed: nothing is silently dropped.
 */
final class GroupConversion {
    private GroupConversion() {
    }

    static Group convert(Group source, GroupType target) throws UnsupportedLogException {
        SimpleGroup out = new SimpleGroup(target);
        GroupType type = source.getType();
        for (int f = 0; f < type.getFieldCount(); f++) {
            int count = source.getFieldRepetitionCount(f);
            if (count == 0) {
                continue;
            }
            Type field = type.getType(f);
            if (!target.containsField(field.getName())) {
                throw new UnsupportedLogException("sidecar column outside the checkpoint schema");
            }
            int t = target.getFieldIndex(field.getName());
            Type targetField = target.getType(t);
            if (field.isPrimitive() != targetField.isPrimitive()
                    || field.isPrimitive() && !field.asPrimitiveType().getPrimitiveTypeName()
                    .equals(targetField.asPrimitiveType().getPrimitiveTypeName())) {
                throw new UnsupportedLogException("sidecar column of another type than the checkpoint's");
            }
            for (int i = 0; i < count; i++) {
                if (field.isPrimitive()) {
                    copyValue(source, f, i, out, t, field.asPrimitiveType());
                } else {
                    out.add(t, convert(source.getGroup(f, i), targetField.asGroupType()));
                }
            }
        }
        return out;
    }

    private static void copyValue(Group source, int f, int i, SimpleGroup out, int t, PrimitiveType type) {
        switch (type.getPrimitiveTypeName()) {
            case BOOLEAN -> out.add(t, source.getBoolean(f, i));
            case INT32 -> out.add(t, source.getInteger(f, i));
            case INT64 -> out.add(t, source.getLong(f, i));
            case FLOAT -> out.add(t, source.getFloat(f, i));
            case DOUBLE -> out.add(t, source.getDouble(f, i));
            case BINARY, FIXED_LEN_BYTE_ARRAY -> out.add(t, source.getBinary(f, i));
            case INT96 -> out.add(t, source.getInt96(f, i));
        }
    }
}
