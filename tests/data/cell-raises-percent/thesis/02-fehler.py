# %% [markdown]
# # Fehlerhaftes Kapitel

# %%
def teile(a, b):
    return a / b


# %%
ergebnis = 1
teile(ergebnis, 0)
