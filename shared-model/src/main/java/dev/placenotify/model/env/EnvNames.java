package dev.placenotify.model.env;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;

/** The names a {@code *Env} class declares: its public static String constants. */
final class EnvNames {
    private EnvNames() {}

    static Set<String> declaredIn(Class<?> names) {
        Set<String> out = new TreeSet<>();
        for (Field f : names.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isPublic(m) && Modifier.isStatic(m) && f.getType() == String.class) {
                try {
                    out.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Set.copyOf(out);
    }
}
