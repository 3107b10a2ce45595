package io.github.tokenbridge.model.kernel.ps;

import java.util.Optional;

/**
 * Finds the program behind an image path and binds it to a new process (the model's section object and
 * loader: a model cannot run a Windows image, so an image is a Java program registered by name).
 */
public interface ImageLoader {

    /** The program for {@code imagePath}, or empty when there is none (STATUS_OBJECT_NAME_NOT_FOUND). */
    Optional<Image> find(String imagePath);

    /** A found image. */
    interface Image {
        /** The routine the initial thread of {@code thread}'s process runs with {@code parameters}. */
        ProcessStartRoutine bind(ThreadObject thread, ProcessParameters parameters);
    }
}
