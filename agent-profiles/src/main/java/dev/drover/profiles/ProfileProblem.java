package dev.drover.profiles;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Why a profile file was refused: the file, the line (1-based) and the reason. */
@RegisterForReflection
public record ProfileProblem(String file, int line, String reason) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
