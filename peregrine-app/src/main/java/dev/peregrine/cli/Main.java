package dev.peregrine.cli;

/** Entry point of the {@code peregrine} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(0);
  }
}
