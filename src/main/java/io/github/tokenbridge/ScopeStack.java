package io.github.tokenbridge;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The calling thread's open {@link ImpersonationScope}s, innermost first. One stack per thread
 * for every {@link TokenSystem}, because impersonation is a property of the OS thread: scopes
 * must close in LIFO order whichever system opened them.
 */
final class ScopeStack {

    private static final ThreadLocal<Deque<ImpersonationScope>> STACK = ThreadLocal.withInitial(ArrayDeque::new);

    private ScopeStack() {
    }

    static void push(ImpersonationScope scope) {
        STACK.get().push(scope);
    }

    /** The innermost open scope of the calling thread, or null. */
    static ImpersonationScope top() {
        return STACK.get().peek();
    }

    static void pop(ImpersonationScope expected) {
        ImpersonationScope popped = STACK.get().pop();
        if (popped != expected) {
            throw new IllegalStateException("impersonation scope stack corrupted");
        }
    }

    /** The number of scopes open on the calling thread. */
    static int depth() {
        return STACK.get().size();
    }

    /** The number of scopes open on the calling thread that {@code impersonator} opened. */
    static int depthOf(Impersonator impersonator) {
        int count = 0;
        for (ImpersonationScope scope : STACK.get()) {
            if (scope.openedBy(impersonator)) {
                count++;
            }
        }
        return count;
    }

    /** Removes and returns every open scope of the calling thread, innermost first. */
    static List<ImpersonationScope> drain() {
        Deque<ImpersonationScope> stack = STACK.get();
        List<ImpersonationScope> all = new ArrayList<>(stack);
        stack.clear();
        return all;
    }

    /**
     * Abandons the scopes opened on the calling thread above the first {@code depth} ones (left open
     * by a task), innermost first, and returns how many there were.
     */
    static int abandonAbove(int depth) {
        Deque<ImpersonationScope> stack = STACK.get();
        int abandoned = 0;
        while (stack.size() > depth) {
            stack.pop().abandon();
            abandoned++;
        }
        return abandoned;
    }
}
