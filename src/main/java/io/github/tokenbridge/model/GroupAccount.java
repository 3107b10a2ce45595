package io.github.tokenbridge.model;

import io.github.tokenbridge.SidType;

import java.util.Objects;

/**
 * A group of the model's account database other than the built-in ones: a local alias of the
 * machine (SidTypeAlias) or a domain group (SidTypeGroup), with its relative id under its
 * domain's SID.
 *
 * @param name the group name
 * @param rid  the relative id
 * @param type {@link SidType#ALIAS} or {@link SidType#GROUP}
 */
public record GroupAccount(String name, int rid, SidType type) {

    public GroupAccount {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (type != SidType.ALIAS && type != SidType.GROUP) {
            throw new IllegalArgumentException("a group account is an Alias or a Group, not " + type);
        }
    }
}
