package io.github.tokenbridge.build;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds the types an exported type's API mentions that its users could not name: every class in
 * its supertypes, type parameters, and the fields, constructors and methods a user can reach
 * (public, and protected unless the type is final), generic arguments and bounds included, that
 * {@code allowed} rejects or that are not public.
 */
final class SignatureLeaks {

    private final Predicate<Class<?>> allowed;

    /** A finder that accepts the classes {@code allowed} accepts (and that are public). */
    SignatureLeaks(Predicate<Class<?>> allowed) {
        this.allowed = allowed;
    }

    /** The leaks of {@code type}, one line each: where, and which class. */
    List<String> of(Class<?> type) {
        List<String> leaks = new ArrayList<>();
        String owner = CompiledModule.simpleName(type);
        check(owner + " extends", type.getGenericSuperclass(), leaks);
        for (Type i : type.getGenericInterfaces()) {
            check(owner + " implements", i, leaks);
        }
        for (TypeVariable<?> v : type.getTypeParameters()) {
            check(owner + "<" + v.getName() + ">", v, leaks);
        }
        for (Field f : type.getDeclaredFields()) {
            if (reachable(type, f)) {
                check(owner + "." + f.getName(), f.getGenericType(), leaks);
            }
        }
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (reachable(type, c)) {
                checkExecutable(owner + ".<init>", c, leaks);
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (reachable(type, m) && !m.isBridge()) {
                check(owner + "." + m.getName() + "() returns", m.getGenericReturnType(), leaks);
                checkExecutable(owner + "." + m.getName() + "()", m, leaks);
            }
        }
        return leaks;
    }

    private void checkExecutable(String where, Executable e, List<String> leaks) {
        for (Type p : e.getGenericParameterTypes()) {
            check(where + " takes", p, leaks);
        }
        for (Type x : e.getGenericExceptionTypes()) {
            check(where + " throws", x, leaks);
        }
        for (TypeVariable<?> v : e.getTypeParameters()) {
            check(where + " <" + v.getName() + ">", v, leaks);
        }
    }

    private static boolean reachable(Class<?> type, Member member) {
        if (member.isSynthetic()) {
            return false;
        }
        int m = member.getModifiers();
        return Modifier.isPublic(m) || (Modifier.isProtected(m) && !Modifier.isFinal(type.getModifiers()));
    }

    private void check(String where, Type type, List<String> leaks) {
        if (type == null) {
            return;
        }
        Set<Class<?>> classes = new HashSet<>();
        collect(type, classes, new HashSet<>());
        for (Class<?> c : classes) {
            if (!allowed.test(c)) {
                leaks.add(where + " " + c.getName());
            } else if (!nameable(c)) {
                leaks.add(where + " " + c.getName() + " (not public)");
            }
        }
    }

    private static boolean nameable(Class<?> c) {
        for (Class<?> t = c; t != null; t = t.getDeclaringClass()) {
            if (!Modifier.isPublic(t.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static void collect(Type type, Set<Class<?>> into, Set<TypeVariable<?>> seen) {
        if (type instanceof Class<?> c) {
            Class<?> element = c;
            while (element.isArray()) {
                element = element.getComponentType();
            }
            if (!element.isPrimitive()) {
                into.add(element);
            }
        } else if (type instanceof ParameterizedType p) {
            collect(p.getRawType(), into, seen);
            if (p.getOwnerType() != null) {
                collect(p.getOwnerType(), into, seen);
            }
            for (Type a : p.getActualTypeArguments()) {
                collect(a, into, seen);
            }
        } else if (type instanceof GenericArrayType g) {
            collect(g.getGenericComponentType(), into, seen);
        } else if (type instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                collect(b, into, seen);
            }
            for (Type b : w.getLowerBounds()) {
                collect(b, into, seen);
            }
        } else if (type instanceof TypeVariable<?> v && seen.add(v)) {
            for (Type b : v.getBounds()) {
                collect(b, into, seen);
            }
        }
    }
}
